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

/**
 * How many events wait in the outbox for the broker, and how long the oldest has waited: read by the outbox check of
 * {@code /q/health/well} and by the outbox gauges of {@code /q/metrics}.
 */
@ApplicationScoped
public class OutboxBacklog {

    /** Counting stops here: a backlog this large is news enough, and counting further costs the database. */
    static final int COUNT_LIMIT = 100_000;

    /**
     * @param waiting      events waiting, counted up to {@link #COUNT_LIMIT}
     * @param oldestWaited how long the oldest has waited; null when none waits
     * @param blocked      events parked as blocked: the broker refused them for what they are
     */
    public record Backlog(long waiting, Duration oldestWaited, long blocked) {

        public boolean countStoppedAtLimit() {
            return waiting == COUNT_LIMIT;
        }
    }

    private final DataSource dataSource;

    public OutboxBacklog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Backlog read() throws SQLException {
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
            Timestamp oldest = r.getTimestamp(2);
            Duration waited = oldest == null ? null : Duration.between(oldest.toInstant(), Instant.now());
            return new Backlog(r.getLong(1), waited != null && waited.isNegative() ? Duration.ZERO : waited,
                    r.getLong(3));
        }
    }
}
