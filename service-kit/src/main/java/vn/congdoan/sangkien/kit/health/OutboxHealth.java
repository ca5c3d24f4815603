package vn.congdoan.sangkien.kit.health;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;
import vn.congdoan.sangkien.kit.outbox.OutboxConfig;

/**
 * How many events wait in the outbox and how long the oldest has waited, at {@code /q/health/well}: DOWN once it has
 * waited longer than {@code outbox.alert-after}, and while any event is parked as blocked (the broker refused it for
 * what it is: an operator retries or discards it). Events wait while the broker is away, and writes go on
 * meanwhile, so this is for monitoring, not readiness.
 */
@Wellness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final OutboxBacklog outbox;
    private final OutboxConfig config;

    public OutboxHealth(OutboxBacklog outbox, OutboxConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        try {
            OutboxBacklog.Backlog backlog = outbox.read();
            response.withData("waiting", backlog.waiting()).withData("blocked", backlog.blocked())
                    .withData("alertAfterSeconds", config.alertAfter().toSeconds());
            if (backlog.countStoppedAtLimit()) {
                response.withData("waitingCountStoppedAtLimit", true);
            }
            if (backlog.oldestWaited() == null) {
                return response.status(backlog.blocked() == 0).build();
            }
            return response.withData("oldestWaitingSeconds", backlog.oldestWaited().toSeconds())
                    .status(backlog.blocked() == 0 && backlog.oldestWaited().compareTo(config.alertAfter()) <= 0)
                    .build();
        } catch (SQLException e) {
            return response.down().withData("reason", "The outbox could not be read: " + e.getMessage()).build();
        }
    }
}
