package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.messaging.EventReplay;
import vn.congdoan.sangkien.ranking.messaging.StandingsConsumer;
import vn.congdoan.sangkien.ranking.repository.ConsumedPositionRepository;
import vn.congdoan.sangkien.ranking.repository.RebuildRepository;
import vn.congdoan.sangkien.ranking.repository.RebuildRepository.Difference;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Rebuilds the standings counters from {@code initiative-events.v1}, offset 0 to the end as it stood when the
 * rebuild began, into the {@code rebuild} schema with consumers of its own, then compares them with the live ones.
 * The report says whether the live counters can be trusted; when asked to repair, live counters that differ are
 * replaced by the rebuilt ones.
 */
@ApplicationScoped
public class RebuildService {

    /**
     * How the rebuilt counters compare with the live ones.
     *
     * @param equal        whether they were equal (before any repair)
     * @param repaired     whether the live counters were replaced by the rebuilt ones
     * @param eventsRead   events the rebuild read, including those it read on to where the live counters stood
     * @param liveCaughtUp whether the live counters had applied everything up to where the rebuild first read to
     */
    public record Report(boolean equal, boolean repaired, String programme, long eventsRead, boolean liveCaughtUp,
            Instant startedAt, long tookMillis, List<Difference> differences) {
    }

    /**
     * What the rebuilt counters found, after reading on to the live ones.
     *
     * @param eventsRead  events read to catch up with the live counters
     * @param differences counters that differed, before any repair
     * @param repaired    whether the live counters were replaced by the rebuilt ones
     */
    public record Comparison(long eventsRead, List<Difference> differences, boolean repaired) {
    }

    private static final long REBUILD_LOCK = 0x52454255494c44L;
    private static final int COMPARE_TIMEOUT_SECONDS = 1800;

    private final StandingsUpdater updater;
    private final EventReplay replay;
    private final RebuildRepository rebuilt;
    private final ConsumedPositionRepository positions;
    private final Revision revision;
    private final TopicAdmin topics;
    private final DataSource dataSource;
    private final RankingConfig config;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(StandingsUpdater updater, EventReplay replay, RebuildRepository rebuilt,
            ConsumedPositionRepository positions, Revision revision, TopicAdmin topics, DataSource dataSource,
            RankingConfig config) {
        this.updater = updater;
        this.replay = replay;
        this.rebuilt = rebuilt;
        this.positions = positions;
        this.revision = revision;
        this.topics = topics;
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * @param programme the programme to compare, and to repair; null for every programme
     * @param repair    whether to replace the live counters with the rebuilt ones when they differ
     */
    public Report rebuild(String programme, boolean repair) {
        if (!running.compareAndSet(false, true)) {
            throw busy();
        }
        try (Connection guard = dataSource.getConnection()) {
            if (!advisoryLock(guard, "pg_try_advisory_lock")) {
                throw busy();
            }
            try {
                Instant started = Instant.now();
                topics.ensure(Topics.INITIATIVE_EVENTS);
                updater.clear(CounterSet.REBUILD);
                Map<TopicPartition, Long> end = replay.endOffsets();
                long read = replay.replay(Map.of(), end);
                boolean caughtUp = awaitLive(end);
                Comparison comparison = compare(programme, end, repair);
                return new Report(comparison.differences().isEmpty(), comparison.repaired(), programme,
                        read + comparison.eventsRead(), caughtUp, started,
                        Duration.between(started, Instant.now()).toMillis(), comparison.differences());
            } finally {
                advisoryLock(guard, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the rebuild's lock: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    private static ProblemException busy() {
        return ProblemException.conflict(null, Text.of("A rebuild is already running; try again when it has "
                + "finished", "Đang có một lượt dựng lại; hãy thử lại khi lượt đó xong"));
    }

    /** Takes or releases the session lock that keeps rebuilds of all instances, which share one schema, apart. */
    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + function + "(" + REBUILD_LOCK + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Compares the rebuilt counters with the live ones while live batches of every instance wait, so that both stand
     * at the same offsets even while initiatives keep coming: the rebuilt counters first read on to where the live
     * ones stand (the positions recorded with them). Asked to repair, it then replaces the live counters of
     * {@code programme} (all when null) with the rebuilt ones when they differ; the live consumer, resuming from its
     * committed offsets, counts nothing twice and misses nothing, as what it applies again is not newer than the
     * versions held and is skipped.
     *
     * @param rebuiltTo the offsets the rebuilt counters have read to
     */
    public Comparison compare(String programme, Map<TopicPartition, Long> rebuiltTo, boolean repair) {
        return QuarkusTransaction.requiringNew().timeout(COMPARE_TIMEOUT_SECONDS).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_advisory_xact_lock(" + StandingsUpdater.LIVE_COUNTERS_LOCK + ")");
                }
                Map<TopicPartition, Long> to = new HashMap<>(rebuiltTo);
                livePositions(c, rebuiltTo.keySet()).forEach((p, offset) -> to.merge(p, offset, Math::max));
                // never past the topic's end: positions beyond it are of a topic since deleted and made again
                replay.endOffsets().forEach((p, offset) -> to.computeIfPresent(p, (k, v) -> Math.min(v, offset)));
                long read = replay.replay(rebuiltTo, to);
                List<Difference> differences = rebuilt.differences(c, programme);
                boolean repaired = repair && !differences.isEmpty();
                if (repaired) {
                    rebuilt.replaceLive(c, programme);
                    revision.bump(c);
                }
                return new Comparison(read, differences, repaired);
            }
        });
    }

    /**
     * Where the live counters stand in each partition: the positions recorded with them, or, for a partition they
     * hold none for yet (counted by an earlier version of the service), the live consumer group's committed offset.
     */
    private Map<TopicPartition, Long> livePositions(Connection c, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> live = new HashMap<>();
        positions.read(c).forEach((p, offset) -> live.put(new TopicPartition(Topics.INITIATIVE_EVENTS, p), offset));
        if (!live.keySet().containsAll(partitions)) {
            topics.committedOffsets(StandingsConsumer.GROUP_ID).forEach(live::putIfAbsent);
        }
        return live;
    }

    /**
     * Waits until the live counters have applied everything up to {@code end}, so that comparing them waits for
     * little more than what came meanwhile.
     */
    private boolean awaitLive(Map<TopicPartition, Long> end) {
        long deadline = System.nanoTime() + config.rebuildCatchUpTimeout().toNanos();
        try {
            while (true) {
                Map<TopicPartition, Long> live;
                try (Connection c = dataSource.getConnection()) {
                    live = livePositions(c, end.keySet());
                }
                if (end.entrySet().stream().allMatch(e -> e.getValue() <= live.getOrDefault(e.getKey(), 0L))) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read where the live counters stand: " + e.getMessage(), e);
        }
    }
}
