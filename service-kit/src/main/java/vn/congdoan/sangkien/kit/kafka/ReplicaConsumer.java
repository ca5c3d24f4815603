package vn.congdoan.sangkien.kit.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.kit.tracing.TraceContext;

/**
 * Keeps something of this service equal to a topic of full-state records, with the plain Kafka client: from startup
 * to shutdown a {@link ConsumerLoop} of its consumer group polls the topic, each record's value is read as the record
 * type, a record no retry would make readable is logged and skipped, and each batch goes to {@link #apply}, which
 * applies it in one transaction of its own before the offsets are committed. Where the records carry a version,
 * {@code apply} compares it with the one held in that same transaction, so that a batch read again changes nothing.
 * <p>
 * A replica is a {@code @Singleton} bean that extends this class, names its topic, group and record type to the
 * constructor and implements {@code apply}. (A normal-scoped one would need a no-args constructor for its client
 * proxy, which this class does not have.) A bean that keeps several replicas which differ only in these and in their
 * functions makes each with {@link #of} and starts and stops them itself.
 *
 * @param <T> the record type
 */
public abstract class ReplicaConsumer<T> {

    /**
     * A record of a batch, read.
     *
     * @param state the state it carries; null for a tombstone
     */
    public record Change<T>(String key, T state) {
    }

    /**
     * A polled batch, read.
     *
     * @param changes     its readable records, in the order they were polled
     * @param nextOffsets per partition, the offset after its last record, an unreadable one included
     */
    public record Batch<T>(List<Change<T>> changes, Map<Integer, Long> nextOffsets) {
    }

    private static final Logger LOG = Logger.getLogger(ReplicaConsumer.class);

    private final Map<String, Object> kafkaConfig;
    private final TopicAdmin topics;
    private final String group;
    private final String topic;
    private final Class<T> type;
    private ConsumerLoop loop;
    private ConsumerLoop.Parking parking;
    private Tracer tracer;

    /**
     * @param kafkaConfig the extension's {@code default-kafka-broker} settings, or settings made from them
     * @param group       the consumer group; every instance of the service joins it
     */
    protected ReplicaConsumer(Map<String, Object> kafkaConfig, TopicAdmin topics, String group, String topic,
            Class<T> type) {
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.group = group;
        this.topic = topic;
        this.type = type;
    }

    /**
     * A replica made of its settings and two functions rather than a subclass of its own; not a bean: the bean that
     * makes it calls {@link #start} and {@link #stop}.
     *
     * @param check as {@link #check}
     * @param apply as {@link #apply}
     */
    public static <T> ReplicaConsumer<T> of(Map<String, Object> kafkaConfig, TopicAdmin topics, String group,
            String topic, Class<T> type, BiConsumer<String, T> check, Consumer<Batch<T>> apply) {
        return new Configured<>(kafkaConfig, topics, group, topic, type, check, apply);
    }

    /** Not a bean, though the observers it inherits would make it one: its maker starts and stops it. */
    @Vetoed
    private static final class Configured<T> extends ReplicaConsumer<T> {

        private final BiConsumer<String, T> check;
        private final Consumer<Batch<T>> apply;

        Configured(Map<String, Object> kafkaConfig, TopicAdmin topics, String group, String topic, Class<T> type,
                BiConsumer<String, T> check, Consumer<Batch<T>> apply) {
            super(kafkaConfig, topics, group, topic, type);
            this.check = check;
            this.apply = apply;
        }

        @Override
        protected void check(String key, T state) {
            check.accept(key, state);
        }

        @Override
        protected void apply(Batch<T> batch) {
            apply.accept(batch);
        }
    }

    /** Applies a batch in one transaction of its own; a failure has the batch read again. */
    protected abstract void apply(Batch<T> batch);

    /**
     * Rejects, with an {@link IllegalArgumentException}, a record {@link #apply} could not use, such as one missing a
     * field it needs: it is logged and skipped. Every readable record is taken unless a replica says otherwise.
     */
    protected void check(String key, T state) {
    }

    /** Whether this service keeps the replica; by default it does. */
    protected boolean enabled() {
        return true;
    }

    public void onStart(@Observes StartupEvent event) {
        if (enabled()) {
            start();
        }
    }

    public void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Joins the group and resumes from its committed offsets. */
    public synchronized void start() {
        if (loop == null) {
            DeadLetters deadLetters = Arc.container().instance(DeadLetters.class).get();
            tracer = Arc.container().instance(Tracer.class).get();
            parking = (record, why) -> deadLetters.park(group, record, why);
            Map<String, Object> settings = new HashMap<>(kafkaConfig);
            settings.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) Arc.container()
                    .instance(ConsumersConfig.class).get().sessionTimeout().toMillis());
            loop = new ConsumerLoop(settings, group, topic, topics, this::handle, parking);
            loop.start();
        }
    }

    /** Leaves the group; what was polled but not committed is read again by whoever takes the partitions. */
    public synchronized void stop() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    /**
     * Reads and applies a polled batch; an unreadable record is parked, as no retry would make it readable. A record
     * that carries the trace context of the request that wrote it is applied in a span of that trace.
     */
    public void handle(List<ConsumerRecord<String, String>> records) {
        List<Span> spans = TraceContext.consuming(tracer, group, records);
        Throwable failure = null;
        try {
            apply(read(records, parking));
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            TraceContext.end(spans, failure);
        }
    }

    /** Reads a polled batch; an unreadable record is logged and skipped, as no retry would make it readable. */
    public Batch<T> read(List<ConsumerRecord<String, String>> records) {
        return read(records, null);
    }

    private Batch<T> read(List<ConsumerRecord<String, String>> records, ConsumerLoop.Parking unreadable) {
        List<Change<T>> changes = new ArrayList<>(records.size());
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            try {
                T state = record.value() == null ? null : EventJson.read(record.value(), type);
                check(record.key(), state);
                changes.add(new Change<>(record.key(), state));
            } catch (IllegalArgumentException | NullPointerException e) {
                if (unreadable != null) {
                    unreadable.park(record, e);
                } else {
                    LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                }
            }
        }
        return new Batch<>(changes, nextOffsets);
    }
}
