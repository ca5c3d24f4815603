package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.messaging.EventReplay;
import vn.congdoan.sangkien.ranking.messaging.StandingsConsumer;
import vn.congdoan.sangkien.ranking.repository.ConsumedPositionRepository;
import vn.congdoan.sangkien.ranking.repository.RebuildRepository;
import vn.congdoan.sangkien.ranking.repository.RebuildRepository.Difference;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Rebuilds the standings counters from {@code initiative-events.v1}, offset 0 to the end as it stood when the
 * rebuild began, into the {@code rebuild} schema with consumers of its own, then compares every table of them with
 * the live ones. The report says whether the live counters can be trusted; when asked to repair, live counters that
 * differ are replaced by the rebuilt ones. Runs as a job of {@link RebuildJobs}; live counting waits only for the
 * final comparison and copy.
 */
@ApplicationScoped
public class RebuildService {

    /**
     * How the rebuilt counters compare with the live ones.
     *
     * @param equal            whether they were equal (before any repair)
     * @param repaired         whether the live counters were replaced by the rebuilt ones
     * @param eventsRead       events the rebuild read, including those it read on to where the live counters stood
     * @param liveCaughtUp     whether the live counters had applied everything up to where the rebuild first read to
     * @param differences      the first differences of each table
     * @param differenceCounts per table, how many rows differ
     * @param negativeCounts   per table, how many rebuilt rows hold a count below 0
     * @param repairRefused    why a repair asked for was not made, or null
     */
    public record Report(boolean equal, boolean repaired, String programme, long eventsRead, boolean liveCaughtUp,
            Instant startedAt, long tookMillis, List<Difference> differences, Map<String, Long> differenceCounts,
            Map<String, Long> negativeCounts, String repairRefused) {
    }

    /**
     * What the rebuilt counters found, after reading on to the live ones.
     *
     * @param eventsRead    events read to catch up with the live counters
     * @param found         counters that differed, before any repair
     * @param repaired      whether the live counters were replaced by the rebuilt ones
     * @param repairRefused why a repair asked for was not made, or null
     */
    public record Comparison(long eventsRead, RebuildRepository.Comparison found, boolean repaired,
            String repairRefused) {
    }

    private static final int COMPARE_TIMEOUT_SECONDS = 1800;

    private final StandingsUpdater updater;
    private final EventReplay replay;
    private final RebuildRepository rebuilt;
    private final ConsumedPositionRepository positions;
    private final Revision revision;
    private final TopicAdmin topics;
    private final DataSource dataSource;
    private final RankingConfig config;

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
     * Rebuilds and compares; the caller holds the rebuild's lock.
     *
     * @param programme the programme to compare, and to repair; null for every programme
     * @param repair    whether to replace the live counters with the rebuilt ones when they differ
     * @param fresh     whether to start from nothing; otherwise from where the rebuilt counters stand
     * @param phase     told each phase as it begins
     */
    public Report run(String programme, boolean repair, boolean fresh, Instant startedAt, Consumer<String> phase) {
        topics.ensure(Topics.INITIATIVE_EVENTS);
        if (fresh) {
            updater.clear(CounterSet.REBUILD);
        }
        phase.accept("REPLAYING");
        Map<TopicPartition, Long> end = replay.endOffsets();
        long read = replay.replay(rebuiltPositions(end.keySet()), end);
        phase.accept("CATCHING_UP");
        boolean caughtUp = awaitLive(end);
        // read on to where the live counters stand without holding them up, so that little is left for the end
        read += replay.replay(rebuiltPositions(end.keySet()), reachable(livePositions(end.keySet())));
        phase.accept("COMPARING");
        Comparison comparison = compare(programme, rebuiltPositions(end.keySet()), repair);
        RebuildRepository.Comparison found = comparison.found();
        return new Report(found.differences().isEmpty(), comparison.repaired(), programme,
                read + comparison.eventsRead(), caughtUp, startedAt,
                Duration.between(startedAt, Instant.now()).toMillis(), found.differences(), found.counts(),
                found.negatives(), comparison.repairRefused());
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
                long read = replay.replay(rebuiltTo, reachable(to));
                RebuildRepository.Comparison found = rebuilt.compare(c, programme);
                String refused = repair && !found.negatives().isEmpty()
                        ? "The rebuilt counters hold counts below 0: the events disagree with each other, and the"
                                + " live counters were left as they are"
                        : null;
                boolean repaired = repair && refused == null && !found.differences().isEmpty();
                if (repaired) {
                    rebuilt.replaceLive(c, programme);
                    revision.bumpReference(c);
                }
                return new Comparison(read, found, repaired, refused);
            }
        });
    }

    /** {@code to}, never past the topic's end: positions beyond it are of a topic since deleted and made again. */
    private Map<TopicPartition, Long> reachable(Map<TopicPartition, Long> to) {
        Map<TopicPartition, Long> bounded = new HashMap<>(to);
        replay.endOffsets().forEach((p, offset) -> bounded.computeIfPresent(p, (k, v) -> Math.min(v, offset)));
        return bounded;
    }

    /** Where the rebuilt counters stand in each of {@code partitions}: 0 where they have read nothing. */
    private Map<TopicPartition, Long> rebuiltPositions(Collection<TopicPartition> partitions) {
        try (Connection c = dataSource.getConnection()) {
            Map<TopicPartition, Long> read = new HashMap<>();
            partitions.forEach(p -> read.put(p, 0L));
            positions.read(c, CounterSet.REBUILD)
                    .forEach((p, offset) -> read.put(new TopicPartition(Topics.INITIATIVE_EVENTS, p), offset));
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read where the rebuilt counters stand: " + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, Long> livePositions(Collection<TopicPartition> partitions) {
        try (Connection c = dataSource.getConnection()) {
            return livePositions(c, partitions);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read where the live counters stand: " + e.getMessage(), e);
        }
    }

    /**
     * Where the live counters stand in each partition: the positions recorded with them, or, for a partition they
     * hold none for yet (counted by an earlier version of the service), the live consumer group's committed offset.
     */
    private Map<TopicPartition, Long> livePositions(Connection c, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> live = new HashMap<>();
        positions.read(c, CounterSet.LIVE).forEach((p, offset) -> live.put(new TopicPartition(Topics.INITIATIVE_EVENTS, p), offset));
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
                Map<TopicPartition, Long> live = livePositions(end.keySet());
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
            throw new IllegalStateException("The rebuild was interrupted", e);
        }
    }
}
