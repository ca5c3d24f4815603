package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Rebuilds run as jobs in the background, one at a time across all instances of the service: a request starts one
 * and gets its status resource at once. A job an instance left running when it stopped is taken up again, where its
 * rebuilt counters stand, by the first instance that finds nobody running it.
 */
@ApplicationScoped
public class RebuildJobs {

    /**
     * A rebuild and, once done, its report.
     *
     * @param state RUNNING, DONE or FAILED
     * @param phase QUEUED, REPLAYING, CATCHING_UP or COMPARING while running
     */
    public record Job(UUID id, String programme, boolean repair, String requestedBy, Instant requestedAt,
            String state, String phase, Instant finishedAt, RebuildService.Report report, String error) {
    }

    private static final Logger LOG = Logger.getLogger(RebuildJobs.class);
    private static final long REBUILD_LOCK = 0x52454255494c44L;
    private static final String COLUMNS = "id, programme_code, repair, requested_by, requested_at, state, phase,"
            + " finished_at, report, error";
    private static final int RECENT = 20;

    private final RebuildService rebuild;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "standings-rebuild"));
    private volatile boolean stopping;

    public RebuildJobs(RebuildService rebuild, DataSource dataSource, ObjectMapper json) {
        this.rebuild = rebuild;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Starts a rebuild in the background; a conflict while another one runs. */
    public Job start(String programme, boolean repair, String requestedBy) {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into rebuild_job (id, programme_code, repair, requested_by, requested_at, state, phase)"
                        + " values (?, ?, ?, ?, now(), 'RUNNING', 'QUEUED') on conflict do nothing")) {
            Jdbc.bind(s, id, programme, repair, requestedBy);
            if (s.executeUpdate() == 0) {
                UUID other = runningJob(c).orElse(null);
                throw ProblemException.conflict(null, Text.of("A rebuild is already running: /api/v1/admin/rebuild/"
                        + other + "; try again when it has finished", "Đang có một lượt dựng lại: /api/v1/admin/rebuild/"
                        + other + "; hãy thử lại khi lượt đó xong"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the rebuild: " + e.getMessage(), e);
        }
        executor.execute(() -> run(id));
        return get(id).orElseThrow();
    }

    public Optional<Job> get(UUID id) {
        List<Job> jobs = query("select " + COLUMNS + " from rebuild_job where id = ?", id);
        return jobs.stream().findFirst();
    }

    /** The latest jobs, newest first. */
    public List<Job> recent() {
        return query("select " + COLUMNS + " from rebuild_job order by requested_at desc limit " + RECENT, null);
    }

    /** Takes up a job left running by an instance that stopped, if nobody is running it. */
    @Scheduled(identity = "rebuild-resume", every = "30s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void resumeAbandoned() {
        if (running.get() || stopping) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            runningJob(c).ifPresent(id -> executor.execute(() -> run(id)));
        } catch (SQLException e) {
            LOG.warnf("Could not look for a rebuild to take up: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        executor.shutdownNow();
    }

    /** Runs a job unless this or another instance is running it; the session lock keeps instances apart. */
    void run(UUID id) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try (Connection guard = dataSource.getConnection()) {
            if (!advisoryLock(guard, "pg_try_advisory_lock")) {
                return;
            }
            try {
                Job job = get(id).filter(j -> "RUNNING".equals(j.state())).orElse(null);
                if (job != null) {
                    execute(job);
                }
            } finally {
                advisoryLock(guard, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            LOG.warnf("Could not run rebuild %s: %s", id, e.getMessage());
        } finally {
            running.set(false);
        }
    }

    private void execute(Job job) {
        try {
            RebuildService.Report report = rebuild.run(job.programme(), job.repair(), "QUEUED".equals(job.phase()),
                    job.requestedAt(), phase -> update(job.id(), "update rebuild_job set phase = ? where id = ?",
                            phase));
            update(job.id(), "update rebuild_job set state = 'DONE', phase = 'DONE', finished_at = now(),"
                    + " report = cast(? as jsonb) where id = ?", json.writeValueAsString(report));
        } catch (RuntimeException | JsonProcessingException e) {
            if (stopping) {
                LOG.infof("Rebuild %s stopped with the service; it goes on when an instance takes it up", job.id());
                return;
            }
            LOG.errorf(e, "Rebuild %s failed", job.id());
            update(job.id(), "update rebuild_job set state = 'FAILED', finished_at = now(), error = ? where id = ?",
                    e.getMessage());
        }
    }

    private void update(UUID id, String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setObject(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the rebuild's progress: " + e.getMessage(), e);
        }
    }

    private static Optional<UUID> runningJob(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from rebuild_job where state = 'RUNNING'")) {
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
        }
    }

    private List<Job> query(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setObject(1, id);
            }
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String report = rs.getString(9);
                    jobs.add(new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            report == null ? null : json.readValue(report, RebuildService.Report.class), rs.getString(10)));
                }
            }
            return jobs;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read the rebuilds: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Takes or releases the session lock that keeps rebuilds of all instances, which share one schema, apart. */
    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + function + "(" + REBUILD_LOCK + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
