package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import vn.congdoan.sangkien.kit.cache.Caches;
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

    /**
     * Also moves the revision of the reference data on: for a change of units, programmes, phases or targets, or of
     * every initiative at once (live counters replaced by rebuilt ones).
     */
    public static final String BUMP_REFERENCE = "update standings_revision set revision = revision + 1,"
            + " reference = reference + 1, changed_at = clock_timestamp() where id = 1";

    /**
     * A committed revision and when it was made.
     *
     * @param reference the revision of the reference data, which moves with {@link #BUMP_REFERENCE} only
     */
    public record Current(long revision, Instant changedAt, long reference) {
    }

    private static final Logger LOG = Logger.getLogger(Revision.class);
    private static final String KEY = "standings";

    private final DataSource dataSource;
    /** The revision last read, under {@link #KEY}; null when {@code ranking.revision-max-age} is 0. */
    private final LoadingCache<String, Current> last;

    /**
     * A revision read from the database is reused for {@code ranking.revision-max-age}: readers then cost no
     * database round trip. A read past that age has it read again in the background, so that readers find a fresh
     * one in memory and are answered without blocking; past twice that age it is forgotten. A reader so sees a
     * change at most twice the maximum age late.
     */
    public Revision(DataSource dataSource, RankingConfig config) {
        this.dataSource = dataSource;
        Duration maxAge = config.revisionMaxAge();
        // the cache's own upkeep runs on the reading thread, a little at a time (Caches); only the read again is
        // handed to a worker, so that readers are answered without waiting for it
        this.last = maxAge.isZero() || maxAge.isNegative() ? null : Caches.builder()
                .refreshAfterWrite(maxAge)
                .expireAfterWrite(maxAge.multipliedBy(2))
                .build(new CacheLoader<String, Current>() {
                    @Override
                    public Current load(String key) {
                        return read();
                    }

                    @Override
                    public CompletableFuture<? extends Current> asyncReload(String key, Current old,
                            Executor executor) {
                        return CompletableFuture.supplyAsync(() -> reload(key, old),
                                Infrastructure.getDefaultWorkerPool());
                    }

                    // a revision that cannot be read again is forgotten: readers then ask the database and learn why
                    @Override
                    public Current reload(String key, Current old) {
                        try {
                            return read();
                        } catch (RuntimeException e) {
                            LOG.debugf("Standings revision not read: %s", e.getMessage());
                            return null;
                        }
                    }
                });
    }

    /**
     * The revision known in memory, or {@code null} when none was read within twice the maximum age: then call
     * {@link #current()} from a thread that may block.
     */
    public Current known() {
        return last == null ? null : last.getIfPresent(KEY);
    }

    /** Bumps the revision in the caller's transaction; call it last, as it locks one row until commit. */
    public void bump(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(BUMP);
        }
    }

    /** Bumps the revision and that of the reference data, as {@link #bump} does. */
    public void bumpReference(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(BUMP_REFERENCE);
        }
    }

    /** The committed revision: the one in memory, or read from the database when there is none. */
    public Current current() {
        return last == null ? read() : last.get(KEY);
    }

    private Current read() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select revision, changed_at, reference from standings_revision"
                        + " where id = 1")) {
            rs.next();
            return new Current(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the standings revision: " + e.getMessage(), e);
        }
    }
}
