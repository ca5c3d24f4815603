package vn.congdoan.sangkien.kit.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Records every successful write request in {@code audit_entry}. Entries are queued when the response is sent and
 * written in batches by one background thread, so that auditing costs a write request no transaction of its own:
 * the first entry waits {@value #LINGER_MILLIS} ms for those that follow, and they commit together (without that
 * wait, at 500 writes a second each batch held an entry or two, a commit and WAL flush beside every write's own). An
 * entry reaches the table within a fraction of a second. While the database is down entries wait in memory
 * (up to {@value #CAPACITY}); what cannot be kept is logged.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final long LINGER_MILLIS = 200;

    private record Pending(Instant at, String actor, String method, String path, int status) {
    }

    private final EntityManager em;
    private final SecurityIdentity identity;
    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile boolean running;
    private Thread writer;

    public AuditLog(EntityManager em, SecurityIdentity identity, DataSource dataSource) {
        this.em = em;
        this.identity = identity;
        this.dataSource = dataSource;
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
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || response.getStatus() >= 400) {
            return;
        }
        String path = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        Pending entry = new Pending(Instant.now(),
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(), method, path,
                response.getStatus());
        if (!queue.offer(entry)) {
            LOG.errorf("Audit queue full, entry not recorded: %s", entry);
        }
    }

    public List<AuditEntry> latest(Long beforeId, int limit) {
        return em.createQuery("from AuditEntry where (?1 is null or id < ?1) order by id desc", AuditEntry.class)
                .setParameter(1, beforeId).setMaxResults(limit).getResultList();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    // Let the entries of the next moments join: one commit for many writes, not one for each.
                    Thread.sleep(LINGER_MILLIS);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
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
                        "insert into audit_entry (at, actor, method, path, status) values (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Pending p : batch) {
                insert.setTimestamp(1, Timestamp.from(p.at()));
                insert.setString(2, p.actor());
                insert.setString(3, p.method());
                insert.setString(4, p.path());
                insert.setInt(5, p.status());
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
