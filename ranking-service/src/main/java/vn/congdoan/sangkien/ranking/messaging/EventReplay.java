package vn.congdoan.sangkien.ranking.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;

/**
 * Reads {@code initiative-events.v1} between two sets of offsets with consumers of its own, outside the live
 * consumer group, and applies what it reads to the rebuilt counters.
 */
@ApplicationScoped
public class EventReplay {

    private static final int MAX_ATTEMPTS = 5;

    private final StandingsUpdater updater;
    private final StandingsConsumer live;
    private final Map<String, Object> kafkaConfig;
    private final RankingConfig config;

    public EventReplay(StandingsUpdater updater, StandingsConsumer live,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RankingConfig config) {
        this.updater = updater;
        this.live = live;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** The end offsets of {@code initiative-events.v1} now. */
    public Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer("ranking-service.rebuild-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INITIATIVE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /**
     * Applies the records from {@code from} up to {@code to} to the rebuilt counters. The partitions are shared out
     * among {@code ranking.rebuild-workers} consumers applying their events side by side: all events of an
     * initiative are in one partition, and the updater takes shared rows in one order, as it does for instances of
     * the service consuming different partitions.
     *
     * @return the events read
     */
    public long replay(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<TopicPartition> partitions = to.keySet().stream()
                .filter(p -> from.getOrDefault(p, 0L) < to.get(p))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (partitions.isEmpty()) {
            return 0;
        }
        String group = "ranking-service.rebuild-" + UUID.randomUUID();
        int count = Math.max(1, Math.min(config.rebuildWorkers(), partitions.size()));
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
        Duration timeout = config.rebuildCatchUpTimeout();
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
                if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw ProblemException.unavailable(Text.of("The rebuild read nothing from "
                            + Topics.INITIATIVE_EVENTS + " for " + timeout + "; is the broker up?", "Lượt dựng lại không "
                            + "đọc được gì từ " + Topics.INITIATIVE_EVENTS + " trong " + timeout
                            + "; Kafka có đang chạy không?"), 5);
                }
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                        batch.add(r);
                    }
                });
                if (!batch.isEmpty()) {
                    Map<Integer, Long> positions = new HashMap<>();
                    batch.forEach(r -> positions.merge(r.partition(), r.offset() + 1, Math::max));
                    apply(live.events(batch), positions);
                    read += batch.size();
                    lastProgress = System.nanoTime();
                }
            }
        }
        return read;
    }

    /**
     * Applies one batch, with where it ends in each partition, again when PostgreSQL chose it as a deadlock victim
     * or could not serialise it: the other workers share members' rows with it.
     */
    private void apply(List<InitiativeEvent> events, Map<Integer, Long> positions) {
        for (int attempt = 1;; attempt++) {
            try {
                updater.applyAll(CounterSet.REBUILD, events, positions);
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
        // a poll's worth fetched ahead, not megabytes per partition: what is fetched lives through the young
        // collections while a batch is applied, and in the service's small heap it was promoted and filled the old
        // generation, so that the replay of a million events ran hundreds of full collections
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 << 10);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1 << 20);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
