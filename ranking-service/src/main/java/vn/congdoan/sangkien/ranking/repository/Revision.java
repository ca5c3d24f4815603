package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.congdoan.sangkien.ranking.config.RankingConfig;

/**
 * The revision of everything a standings response is computed from. Every writer bumps it in its own transaction,
 * so that a reader seeing the same revision may serve what it computed before.
 */
@ApplicationScoped
public class Revision {

    /**
     * The time of the statement, not of the transaction's start: writers bump last, just before they commit, so that
     * the change time is as late as the change itself (If-Modified-Since is answered from it).
     */
    public static final String BUMP = "update standings_revision set revision = revision + 1,"
            + " changed_at = clock_timestamp() where id = 1";

    /** A committed revision and when it was made. */
    public record Current(long revision, Instant changedAt) {
    }

    private static final Logger LOG = Logger.getLogger(Revision.class);

    private final DataSource dataSource;
    private final long maxAgeNanos;
    private ScheduledExecutorService refresher;
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

    /**
     * Reads the revision every maximum age in the background, so that a reader finds a fresh one in memory and
     * can be answered without blocking.
     */
    void start(@Observes StartupEvent event) {
        if (maxAgeNanos <= 0) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "standings-revision");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, maxAgeNanos, TimeUnit.NANOSECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refresh() {
        try {
            Current fresh = read();
            synchronized (this) {
                last = fresh;
                lastReadAt = System.nanoTime();
            }
        } catch (RuntimeException e) {
            LOG.debugf("Standings revision not read: %s", e.getMessage());
        }
    }

    /**
     * The revision known in memory, or {@code null} when none was read within the maximum age (the database is
     * unreachable, or there is no background refresh): then call {@link #current()} from a thread that may block.
     */
    public Current known() {
        Current known = last;
        return known != null && System.nanoTime() - lastReadAt < 2 * maxAgeNanos ? known : null;
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
