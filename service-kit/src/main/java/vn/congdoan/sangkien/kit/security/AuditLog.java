package vn.congdoan.sangkien.kit.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;

/**
 * Records every refused attempt (401, 403, 429), counted:
 * refusals of one caller, request and status are summed over {@value #REFUSALS_EVERY_MILLIS} ms into one entry with
 * its number of {@code occurrences}, so that a flood of them costs the service a counter, not a write each; beyond
 * {@value #MAX_REFUSAL_KEYS} distinct ones in that time, the rest are summed into one entry of actor
 * {@code (others)}. Changes are recorded with the change itself ({@link ChangeAudit}); a successful write request
 * that changed nothing is recorded here, after its answer. These entries are queued when the response is sent and
 * written in batches by one background thread: the first entry waits {@value #LINGER_MILLIS} ms for those that
 * follow, and they commit together. An entry reaches the table within a fraction of a second. While the database is
 * down entries wait in memory (up to {@value #CAPACITY}); what cannot be kept is logged.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final long LINGER_MILLIS = 200;

    private static final long REFUSALS_EVERY_MILLIS = 5_000;
    private static final int MAX_REFUSAL_KEYS = 10_000;

    private record Pending(Instant at, String actor, String method, String path, int status, int occurrences) {
    }

    private record Refusal(String actor, String method, String path, int status) {
    }

    private final SecurityIdentity identity;
    private final DataSource dataSource;
    private final ChangeAudit changes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Map<Refusal, LongAdder> refusals = new ConcurrentHashMap<>();
    private volatile long refusalsFlushedAt = System.currentTimeMillis();
    private volatile boolean running;
    private Thread writer;

    public AuditLog(SecurityIdentity identity, DataSource dataSource, ChangeAudit changes) {
        this.identity = identity;
        this.dataSource = dataSource;
        this.changes = changes;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::writeLoop, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || response.getStatus() >= 400
                || changes.recorded()) {
            return;
        }
        String path = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        Pending entry = new Pending(Instant.now(),
                identity.isAnonymous() ? "anonymous" : Principals.subject(identity), method, path,
                response.getStatus(), 1);
        if (!queue.offer(entry)) {
            LOG.errorf("Audit queue full, entry not recorded: %s", entry);
        }
    }

    /** Counts the refusals of every request, those answered before an endpoint is reached included. */
    void watchRefusals(@Observes Router router) {
        router.route().order(WritesAuthenticateFirst.ORDER - 1).handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                int status = rc.response().getStatusCode();
                if (status == 401 || status == 403 || status == 429) {
                    refused(actorOf(rc), rc.request().method().name(), rc.request().path(), status);
                }
            });
            rc.next();
        });
    }

    /** The subject when the caller was authenticated (a 403, a 429), else where the attempt came from. */
    private static String actorOf(RoutingContext rc) {
        String subject = rc.user() instanceof QuarkusHttpUser user ? Principals.subject(user.getSecurityIdentity())
                : null;
        if (subject != null) {
            return subject;
        }
        return "anonymous@" + (rc.request().remoteAddress() == null ? "unknown"
                : rc.request().remoteAddress().hostAddress());
    }

    void refused(String actor, String method, String path, int status) {
        Refusal key = new Refusal(actor, method, path, status);
        LongAdder count = refusals.get(key);
        if (count == null) {
            if (refusals.size() >= MAX_REFUSAL_KEYS) {
                key = new Refusal("(others)", method, "(various)", status);
            }
            count = refusals.computeIfAbsent(key, k -> new LongAdder());
        }
        count.increment();
    }

    /** The refusals summed since the last call, as entries. */
    private void drainRefusals(List<Pending> batch) {
        long now = System.currentTimeMillis();
        if (now - refusalsFlushedAt < REFUSALS_EVERY_MILLIS || refusals.isEmpty()) {
            return;
        }
        refusalsFlushedAt = now;
        Instant at = Instant.ofEpochMilli(now);
        for (Refusal key : List.copyOf(refusals.keySet())) {
            LongAdder count = refusals.remove(key);
            if (count != null) {
                batch.add(new Pending(at, key.actor(), key.method(), key.path(), key.status(),
                        (int) Math.min(Integer.MAX_VALUE, count.sum())));
            }
        }
    }

    /** The newest {@code limit} entries before the entry {@code beforeId} (all when null), newest first. */
    public List<AuditResource.AuditEntryView> latest(Long beforeId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, "select id, at, actor, method, path, status, occurrences from audit_entry"
                    + " where id < ? order by id desc limit ?", rs -> new AuditResource.AuditEntryView(rs.getLong(1),
                            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, Integer.class), rs.getInt(7)),
                    beforeId == null ? Long.MAX_VALUE : beforeId, limit);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        batch.add(first);
                        // Let the entries of the next moments join: one commit for many writes, not one for each.
                        Thread.sleep(LINGER_MILLIS);
                        queue.drainTo(batch, BATCH - 1);
                    }
                    drainRefusals(batch);
                    if (batch.isEmpty()) {
                        continue;
                    }
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    refusalsFlushedAt = 0;
                    drainRefusals(batch);
                    flushOnShutdown(batch);
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Could not write %d audit entries, retrying: %s", batch.size(), e.getMessage());
                if (!pause()) {
                    queue.drainTo(batch);
                    flushOnShutdown(batch);
                    return;
                }
            }
        }
    }

    private void write(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into audit_entry (at, actor, method, path, status, occurrences) "
                                + "values (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Pending p : batch) {
                insert.setTimestamp(1, Timestamp.from(p.at()));
                insert.setString(2, p.actor());
                insert.setString(3, p.method());
                insert.setString(4, p.path());
                insert.setInt(5, p.status());
                insert.setInt(6, p.occurrences());
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private void flushOnShutdown(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("Could not write %d audit entries at shutdown: %s", batch.size(), e.getMessage());
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(1_000);
            return true;
        } catch (InterruptedException e) {
            return running;
        }
    }
}
