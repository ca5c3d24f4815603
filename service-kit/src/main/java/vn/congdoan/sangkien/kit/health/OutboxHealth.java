package vn.congdoan.sangkien.kit.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

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

    /** Counting stops here: a backlog this large is news enough, and counting further costs the database. */
    static final int COUNT_LIMIT = 100_000;

    private final DataSource dataSource;
    private final OutboxConfig config;

    public OutboxHealth(DataSource dataSource, OutboxConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        select (select count(*) from (select 1 from outbox_event where published_at is null
                                and blocked_at is null limit %d) waiting),
                               (select created_at from outbox_event where published_at is null and blocked_at is null
                                order by id limit 1),
                               (select count(*) from outbox_event where blocked_at is not null)
                        """.formatted(COUNT_LIMIT));
                ResultSet r = s.executeQuery()) {
            r.next();
            long waiting = r.getLong(1);
            Timestamp oldest = r.getTimestamp(2);
            long blocked = r.getLong(3);
            response.withData("waiting", waiting).withData("blocked", blocked)
                    .withData("alertAfterSeconds", config.alertAfter().toSeconds());
            if (waiting == COUNT_LIMIT) {
                response.withData("waitingCountStoppedAtLimit", true);
            }
            if (oldest == null) {
                return response.status(blocked == 0).build();
            }
            Duration waited = Duration.between(oldest.toInstant(), Instant.now());
            return response.withData("oldestWaitingSeconds", Math.max(0, waited.toSeconds()))
                    .status(blocked == 0 && waited.compareTo(config.alertAfter()) <= 0).build();
        } catch (SQLException e) {
            return response.down().withData("reason", "The outbox could not be read: " + e.getMessage()).build();
        }
    }
}
