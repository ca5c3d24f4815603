package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.messaging.StandingsConsumer;
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
     * A counter that differs.
     *
     * @param day the day of submission, for a per-day count; null for a province's totals
     */
    public record Difference(String programme, UUID provinceId, LocalDate day, String figure, long live,
            long rebuilt) {
    }

    private static final int MAX_DIFFERENCES = 100;
    private static final int MAX_ATTEMPTS = 5;
    private static final long REBUILD_LOCK = 0x52454255494c44L;
    private static final int COMPARE_TIMEOUT_SECONDS = 1800;
    /** The live counters a repair replaces, each with a copy of the same columns in the rebuild schema. */
    private static final List<String> REPAIRED_TABLES = List.of("initiative_state", "submitter", "member_reach",
            "standing", "period_count");

    private final StandingsUpdater updater;
    private final Revision revision;
    private final TopicAdmin topics;
    private final DataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final Duration catchUpTimeout;
    private final int workers;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(StandingsUpdater updater, Revision revision, TopicAdmin topics, DataSource dataSource,
            RankingConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = updater;
        this.revision = revision;
        this.topics = topics;
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.catchUpTimeout = config.rebuildCatchUpTimeout();
        this.workers = config.rebuildWorkers();
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
                Map<TopicPartition, Long> end = endOffsets();
                long read = replay(Map.of(), end);
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
        return ProblemException.conflict(null, "A rebuild is already running; try again when it has finished");
    }

    /** Takes or releases the session lock that keeps rebuilds of all instances, which share one schema, apart. */
    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + function + "(" + REBUILD_LOCK + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
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
                endOffsets().forEach((p, offset) -> to.computeIfPresent(p, (k, v) -> Math.min(v, offset)));
                long read = replay(rebuiltTo, to);
                List<Difference> differences = differences(c, programme);
                boolean repaired = repair && !differences.isEmpty();
                if (repaired) {
                    replaceLive(c, programme);
                    revision.bump(c);
                }
                return new Comparison(read, differences, repaired);
            }
        });
    }

    /** Replaces the live counters of {@code programme} (all when null) with the rebuilt ones. */
    private static void replaceLive(Connection c, String programme) throws SQLException {
        for (String table : REPAIRED_TABLES) {
            String where = " where cast(? as text) is null or programme_code = ?";
            try (PreparedStatement delete = c.prepareStatement("delete from " + CounterSet.LIVE.table(table) + where);
                    PreparedStatement insert = c.prepareStatement("insert into " + CounterSet.LIVE.table(table)
                            + " select * from " + CounterSet.REBUILD.table(table) + where)) {
                for (PreparedStatement s : List.of(delete, insert)) {
                    s.setString(1, programme);
                    s.setString(2, programme);
                    s.executeUpdate();
                }
            }
        }
    }

    /**
     * Where the live counters stand in each partition: the positions recorded with them, or, for a partition they
     * hold none for yet (counted by an earlier version of the service), the live consumer group's committed offset.
     */
    private Map<TopicPartition, Long> livePositions(Connection c, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> positions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select partition, next_offset from consumed_position where topic = ?")) {
            s.setString(1, Topics.INITIATIVE_EVENTS);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    positions.put(new TopicPartition(Topics.INITIATIVE_EVENTS, rs.getInt(1)), rs.getLong(2));
                }
            }
        }
        if (!positions.keySet().containsAll(partitions)) {
            topics.committedOffsets(StandingsConsumer.GROUP_ID).forEach(positions::putIfAbsent);
        }
        return positions;
    }

    /** The end offsets of {@code initiative-events.v1} now. */
    private Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer("ranking-service.rebuild-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INITIATIVE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /**
     * Applies the records from {@code from} up to {@code to} to the rebuilt counters. The partitions are shared out
     * among {@code workers} consumers applying their events side by side: all events of an initiative are in one
     * partition, and the updater takes shared rows in one order, as it does for instances of the service consuming
     * different partitions.
     *
     * @return the events read
     */
    private long replay(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<TopicPartition> partitions = to.keySet().stream()
                .filter(p -> from.getOrDefault(p, 0L) < to.get(p))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (partitions.isEmpty()) {
            return 0;
        }
        String group = "ranking-service.rebuild-" + UUID.randomUUID();
        int count = Math.max(1, Math.min(workers, partitions.size()));
        List<List<TopicPartition>> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < partitions.size(); i++) {
            shares.get(i % count).add(partitions.get(i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count,
                r -> new Thread(r, "standings-rebuild-" + threads.incrementAndGet()));
        try {
            CompletionService<Long> results = new ExecutorCompletionService<>(pool);
            shares.forEach(share -> results.submit(() -> replay(group, share, from, to, stop)));
            long read = 0;
            for (int i = 0; i < count; i++) {
                try {
                    read += results.take().get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("The rebuild failed: " + e.getCause(), e.getCause());
                }
            }
            return read;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The rebuild was interrupted", e);
        } finally {
            stop.set(true);
            pool.shutdown();
        }
    }

    /** Replays {@code partitions} from {@code from} up to {@code to}; @return the events read */
    private long replay(String group, List<TopicPartition> partitions, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, AtomicBoolean stop) {
        long read = 0;
        try (var consumer = consumer(group)) {
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                long offset = from.getOrDefault(p, 0L);
                if (offset == 0) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, offset);
                }
            }
            long lastProgress = System.nanoTime();
            while (!stop.get() && partitions.stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                if (System.nanoTime() - lastProgress > catchUpTimeout.toNanos()) {
                    throw new ProblemException(503, "Service unavailable", "The rebuild read nothing from "
                            + Topics.INITIATIVE_EVENTS + " for " + catchUpTimeout + "; is the broker up?", null);
                }
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                        batch.add(r);
                    }
                });
                if (!batch.isEmpty()) {
                    apply(StandingsConsumer.read(batch));
                    read += batch.size();
                    lastProgress = System.nanoTime();
                }
            }
        }
        return read;
    }

    /**
     * Applies one batch, again when PostgreSQL chose it as a deadlock victim or could not serialise it: the other
     * workers share members' rows with it.
     */
    private void apply(List<InitiativeEvent> events) {
        for (int attempt = 1;; attempt++) {
            try {
                updater.applyAll(CounterSet.REBUILD, events);
                return;
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Waits until the live counters have applied everything up to {@code end}, so that comparing them waits for
     * little more than what came meanwhile.
     */
    private boolean awaitLive(Map<TopicPartition, Long> end) {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
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

    private static List<Difference> differences(Connection c, String programme) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select coalesce(l.programme_code, r.programme_code), coalesce(l.province_id, r.province_id),
                       coalesce(l.submissions, 0), coalesce(r.submissions, 0),
                       coalesce(l.submitters, 0), coalesce(r.submitters, 0),
                       coalesce(l.recognized, 0), coalesce(r.recognized, 0)
                from public.standing l
                full join rebuild.standing r on r.programme_code = l.programme_code and r.province_id = l.province_id
                where (cast(? as text) is null or coalesce(l.programme_code, r.programme_code) = ?)
                  and (coalesce(l.submissions, 0) <> coalesce(r.submissions, 0)
                    or coalesce(l.submitters, 0) <> coalesce(r.submitters, 0)
                    or coalesce(l.recognized, 0) <> coalesce(r.recognized, 0))
                order by 1, 2 limit ?
                """)) {
            s.setString(1, programme);
            s.setString(2, programme);
            s.setInt(3, MAX_DIFFERENCES);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String[] figures = { "submissions", "submitters", "recognized" };
                    for (int i = 0; i < figures.length; i++) {
                        long live = rs.getLong(3 + 2 * i);
                        long rebuilt = rs.getLong(4 + 2 * i);
                        if (live != rebuilt) {
                            differences.add(new Difference(rs.getString(1), rs.getObject(2, UUID.class), null,
                                    figures[i], live, rebuilt));
                        }
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                select coalesce(l.programme_code, r.programme_code), coalesce(l.province_id, r.province_id),
                       coalesce(l.day, r.day), coalesce(l.submissions, 0), coalesce(r.submissions, 0)
                from public.period_count l
                full join rebuild.period_count r on r.programme_code = l.programme_code
                     and r.province_id = l.province_id and r.day = l.day
                where (cast(? as text) is null or coalesce(l.programme_code, r.programme_code) = ?)
                  and coalesce(l.submissions, 0) <> coalesce(r.submissions, 0)
                order by 1, 2, 3 limit ?
                """)) {
            s.setString(1, programme);
            s.setString(2, programme);
            s.setInt(3, MAX_DIFFERENCES);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    differences.add(new Difference(rs.getString(1), rs.getObject(2, UUID.class),
                            rs.getObject(3, LocalDate.class), "daySubmissions", rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return differences;
    }
}
