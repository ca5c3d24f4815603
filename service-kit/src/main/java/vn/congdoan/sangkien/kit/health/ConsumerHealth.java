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

/**
 * The consumers of this service at {@code /q/health/well}: per consumer group, how many records it has still to
 * apply, and DOWN once one has kept failing to apply a batch for longer than {@code consumers.alert-after}.
 * Such a consumer retries the same batch for ever (nothing is skipped), so what it feeds — the standings, a
 * replica of the hierarchy — stands still until someone looks.
 */
@Wellness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final ConsumersConfig config;

    public ConsumerHealth(ConsumersConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").up();
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
