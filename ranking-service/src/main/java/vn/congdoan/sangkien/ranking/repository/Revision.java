package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.ranking.config.RankingConfig;

/**
 * The revision of everything a standings response is computed from. Every writer bumps it in its own transaction,
 * so that a reader seeing the same revision may serve what it computed before.
 */
@ApplicationScoped
public class Revision {

    public static final String BUMP = "update standings_revision set revision = revision + 1, changed_at = now() where id = 1";

    /** A committed revision and when it was made. */
    public record Current(long revision, Instant changedAt) {
    }

    private final DataSource dataSource;
    private final long maxAgeNanos;
    private volatile Current last;
    private volatile long lastReadAt;

    /**
     * A revision read from the database is reused for {@code ranking.revision-max-age}: readers then cost no
     * database round trip, and see a change at most that much later.
     */
    public Revision(DataSource dataSource, RankingConfig config) {
        this.dataSource = dataSource;
        this.maxAgeNanos = config.revisionMaxAge().toNanos();
    }

    /** Bumps the revision in the caller's transaction; call it last, as it locks one row until commit. */
    public void bump(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(BUMP);
        }
    }

    /** The committed revision, read again from the database when the last read is older than the maximum age. */
    public Current current() {
        Current known = last;
        if (known != null && System.nanoTime() - lastReadAt < maxAgeNanos) {
            return known;
        }
        synchronized (this) {
            if (last != null && System.nanoTime() - lastReadAt < maxAgeNanos) {
                return last;
            }
            Current fresh = read();
            last = fresh;
            lastReadAt = System.nanoTime();
            return fresh;
        }
    }

    private Current read() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select revision, changed_at from standings_revision where id = 1")) {
            rs.next();
            return new Current(rs.getLong(1), rs.getTimestamp(2).toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the standings revision: " + e.getMessage(), e);
        }
    }
}
