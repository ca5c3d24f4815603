package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * A poll loop on its own thread with the plain Kafka client. Each batch goes to the handler, which applies it in one
 * database transaction and must be idempotent; offsets are committed only after it returns. When the handler fails
 * the batch is read again after a pause, so nothing is skipped while the database is down. A batch that keeps
 * failing for another reason ({@value #ATTEMPTS} times) holds a poison record: its records are then applied one by
 * one, each that fails is parked with its reason ({@link Parking}), and the loop goes on with the records after it.
 * Each loop tells {@code /q/health/well} how far behind the topic it is and since when it has been failing, if it is.
 */
public final class ConsumerLoop implements AutoCloseable {

    /** Applies a batch of records; runs its own transaction. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, String>> records) throws Exception;
    }

    /** Keeps a record the handler cannot apply, with the reason, so that the loop can go on. */
    @FunctionalInterface
    public interface Parking {
        void park(ConsumerRecord<String, String> record, Exception why);
    }

    /**
     * Where a loop stands.
     *
     * @param lag          records of its partitions not yet applied, as of its last poll; -1 before it knows
     * @param failingSince when the batch it keeps retrying first failed; null while batches apply
     * @param failure      why the last attempt failed; null while batches apply
     */
    public record State(String groupId, long lag, Instant failingSince, String failure) {
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    /** Failures of a batch, other than the database being unavailable, before its records are tried one by one. */
    static final int ATTEMPTS = 3;
    private static final Set<ConsumerLoop> RUNNING = ConcurrentHashMap.newKeySet();

    private final String groupId;
    private final String topic;
    private final TopicAdmin topics;
    private final BatchHandler handler;
    private final Parking parking;
    private final Map<String, Object> props;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile long lag = -1;
    private volatile Instant failingSince;
    private volatile String failure;
    private int failedAttempts;
    private List<Meter> meters = List.of();

    /** A loop that retries a failing batch until it applies: for a replay that must see every record. */
    public ConsumerLoop(Map<String, Object> kafkaConfig, String groupId, String topic, TopicAdmin topics,
            BatchHandler handler) {
        this(kafkaConfig, groupId, topic, topics, handler, null);
    }

    /** @param parking where records the handler cannot apply go; null to retry them until they apply */
    public ConsumerLoop(Map<String, Object> kafkaConfig, String groupId, String topic, TopicAdmin topics,
            BatchHandler handler, Parking parking) {
        this.groupId = groupId;
        this.topic = topic;
        this.topics = topics;
        this.handler = handler;
        this.parking = parking;
        this.props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        this.thread = new Thread(this::run, "consumer-" + topic);
        thread.setDaemon(true);
    }

    public void start() {
        RUNNING.add(this);
        meters = List.of(
                Gauge.builder("sangkien.consumer.lag", this, loop -> loop.lag < 0 ? Double.NaN : loop.lag)
                        .strongReference(true).tag("group", groupId).baseUnit("records")
                        .description("Records of the group's partitions not yet applied by this instance")
                        .register(Metrics.globalRegistry),
                Gauge.builder("sangkien.consumer.failing", this, ConsumerLoop::failingSeconds)
                        .strongReference(true).tag("group", groupId).baseUnit("seconds")
                        .description("How long this instance has kept failing to apply a batch; 0 while batches apply")
                        .register(Metrics.globalRegistry));
        thread.start();
    }

    private double failingSeconds() {
        Instant since = failingSince;
        return since == null ? 0 : Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** The loops started in this JVM and not closed. */
    public static Collection<ConsumerLoop> running() {
        return Collections.unmodifiableSet(RUNNING);
    }

    public State state() {
        return new State(groupId, lag, failingSince, failure);
    }

    private void run() {
        while (running) {
            try {
                topics.ensure(topic);
                break;
            } catch (RuntimeException e) {
                LOG.warnf("Topic %s not available yet, retrying in %s: %s", topic, BACKOFF, e.getMessage());
                pause();
            }
        }
        while (running) {
            try {
                consume();
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Consumer of %s failed; starting a new one in %s", topic, BACKOFF);
                failed(e);
                pause();
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer()); KafkaClientMetrics meters = KafkaClientMeters.bind(c)) {
            consumer = c;
            c.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                lag = lag(c);
                if (records.isEmpty()) {
                    if (lag == 0) {
                        // caught up: no batch waits to be applied again, whatever failed before
                        recovered();
                    }
                    continue;
                }
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                try {
                    handler.handle(batch);
                    c.commitSync();
                    recovered();
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    if (poisoned(e) && applyOneByOne(batch)) {
                        c.commitSync();
                        recovered();
                        continue;
                    }
                    LOG.warnf("Could not apply %d records from %s, reading them again in %s: %s", batch.size(),
                            topic, BACKOFF, e.getMessage());
                    failed(e);
                    for (TopicPartition partition : records.partitions()) {
                        if (c.assignment().contains(partition)) {
                            c.seek(partition, records.records(partition).get(0).offset());
                        }
                    }
                    pause();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Whether a failure has happened often enough, and not for an unavailable database, to look for poison. */
    private boolean poisoned(Exception e) {
        if (parking == null || ProblemMappers.isDatabaseUnavailable(e)) {
            return false;
        }
        return ++failedAttempts >= ATTEMPTS;
    }

    /**
     * Applies the records one at a time, parking each that fails for another reason than an unavailable database.
     *
     * @return whether every record was applied or parked (false: the database went away; the batch is read again)
     */
    private boolean applyOneByOne(List<ConsumerRecord<String, String>> batch) {
        for (ConsumerRecord<String, String> record : batch) {
            try {
                handler.handle(List.of(record));
            } catch (Exception e) {
                if (ProblemMappers.isDatabaseUnavailable(e)) {
                    return false;
                }
                try {
                    parking.park(record, e);
                } catch (RuntimeException notParked) {
                    LOG.warnf("Could not park record %s-%d@%d: %s", record.topic(), record.partition(),
                            record.offset(), notParked.getMessage());
                    return false;
                }
            }
        }
        return true;
    }

    /** Applies one record again, as the loop would: for an operator retrying a parked record. */
    public void reapply(ConsumerRecord<String, String> record) throws Exception {
        handler.handle(List.of(record));
    }

    public String groupId() {
        return groupId;
    }

    private void failed(Exception e) {
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        failure = String.valueOf(e.getMessage());
    }

    private void recovered() {
        failingSince = null;
        failure = null;
        failedAttempts = 0;
    }

    /** The records of the assigned partitions after the position, as far as the last fetch told; -1 if unknown. */
    private static long lag(KafkaConsumer<String, String> c) {
        long total = 0;
        for (TopicPartition partition : c.assignment()) {
            OptionalLong partitionLag = c.currentLag(partition);
            if (partitionLag.isEmpty()) {
                return -1;
            }
            total += partitionLag.getAsLong();
        }
        return total;
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        RUNNING.remove(this);
        meters.forEach(Metrics.globalRegistry::remove);
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
