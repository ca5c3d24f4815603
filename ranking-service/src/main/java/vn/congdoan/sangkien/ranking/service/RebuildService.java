package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.messaging.StandingsConsumer;

/**
 * Rebuilds the standings counters from {@code initiative-events.v1}, offset 0 to the end as it stood when the
 * rebuild began, into the {@code rebuild} schema with consumers of its own, then compares them with the live ones.
 * The live counters are left alone: the report says whether they can be trusted.
 */
@ApplicationScoped
public class RebuildService {

    /** How the rebuilt counters compare with the live ones. */
    public record Report(boolean equal, String programme, long eventsRead, boolean liveCaughtUp, Instant startedAt,
            long tookMillis, List<Difference> differences) {
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

    private final StandingsUpdater updater;
    private final TopicAdmin topics;
    private final DataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final Duration catchUpTimeout;
    private final int workers;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(StandingsUpdater updater, TopicAdmin topics, DataSource dataSource, RankingConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = updater;
        this.topics = topics;
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.catchUpTimeout = config.rebuildCatchUpTimeout();
        this.workers = config.rebuildWorkers();
    }

    /** @param programme the programme to compare; null compares every programme */
    public Report rebuild(String programme) {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict(null, "A rebuild is already running; try again when it has finished");
        }
        try {
            Instant started = Instant.now();
            topics.ensure(Topics.INITIATIVE_EVENTS);
            updater.clear(CounterSet.REBUILD);
            Map<TopicPartition, Long> end = new HashMap<>();
            long read = replay(end);
            boolean caughtUp = awaitLive(end);
            List<Difference> differences = compare(programme);
            return new Report(differences.isEmpty(), programme, read, caughtUp, started,
                    Duration.between(started, Instant.now()).toMillis(), differences);
        } finally {
            running.set(false);
        }
    }

    /**
     * Reads the topic from offset 0 to the end offsets it has now, filling {@code end} with those offsets. The
     * partitions are shared out among {@code workers} consumers applying their events side by side: all events of an
     * initiative are in one partition, and the updater takes shared rows in one order, as it does for instances of
     * the service consuming different partitions.
     */
    private long replay(Map<TopicPartition, Long> end) {
        String group = "ranking-service.rebuild-" + UUID.randomUUID();
        List<TopicPartition> partitions;
        try (var consumer = consumer(group)) {
            partitions = consumer.partitionsFor(Topics.INITIATIVE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            end.putAll(consumer.endOffsets(partitions));
        }
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
            shares.forEach(share -> results.submit(() -> replay(group, share, end, stop)));
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

    /** Replays {@code partitions} up to {@code end}; @return the events read */
    private long replay(String group, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            AtomicBoolean stop) {
        long read = 0;
        try (var consumer = consumer(group)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            while (!stop.get() && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() - lastProgress > catchUpTimeout.toNanos()) {
                    throw new ProblemException(503, "Service unavailable", "The rebuild read nothing from "
                            + Topics.INITIATIVE_EVENTS + " for " + catchUpTimeout + "; is the broker up?", null);
                }
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
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

    /** Waits until the live consumer group has committed past {@code end}, so that both saw the same events. */
    private boolean awaitLive(Map<TopicPartition, Long> end) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(StandingsConsumer.GROUP_ID).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                if (end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
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
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the live consumer's offsets: " + e.getMessage(), e);
        }
    }

    private List<Difference> compare(String programme) {
        List<Difference> differences = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compare the rebuilt standings: " + e.getMessage(), e);
        }
        return differences;
    }
}
