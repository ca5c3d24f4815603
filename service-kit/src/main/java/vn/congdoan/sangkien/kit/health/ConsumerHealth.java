package vn.congdoan.sangkien.kit.health;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.ConsumersConfig;
import vn.congdoan.sangkien.kit.kafka.DeadLetters;

/**
 * The consumers of this service at {@code /q/health/well}: per consumer group, how many records it has still to
 * apply, and DOWN once one has kept failing to apply a batch for longer than {@code consumers.alert-after} (the
 * database away: what it feeds — the standings, a replica of the hierarchy — stands still), and while any record is
 * parked as a dead letter (an operator retries or discards it).
 */
@Wellness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final ConsumersConfig config;
    private final DeadLetters deadLetters;

    public ConsumerHealth(ConsumersConfig config, DeadLetters deadLetters) {
        this.config = config;
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").up();
        try {
            long parked = deadLetters.count();
            response.withData("deadLetters", parked);
            if (parked > 0) {
                response.down();
            }
        } catch (RuntimeException e) {
            response.withData("deadLetters", "unknown: " + e.getMessage());
        }
        Instant alertBefore = Instant.now().minus(config.alertAfter());
        for (ConsumerLoop loop : ConsumerLoop.running()) {
            ConsumerLoop.State state = loop.state();
            response.withData(state.groupId() + " lag", state.lag());
            if (state.failingSince() != null) {
                response.withData(state.groupId() + " failing", "since " + state.failingSince() + " ("
                        + Duration.between(state.failingSince(), Instant.now()).toSeconds() + " s): " + state.failure());
                if (state.failingSince().isBefore(alertBefore)) {
                    response.down();
                }
            }
        }
        return response.build();
    }
}
