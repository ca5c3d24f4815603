package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A poll loop on its own thread with the plain Kafka client. Each batch goes to the handler, which applies it in one
 * database transaction and must be idempotent; offsets are committed only after it returns. When the handler fails
 * the batch is read again after a pause, so nothing is skipped while the database is down.
 */
public final class ConsumerLoop implements AutoCloseable {

    /** Applies a batch of records; runs its own transaction. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, String>> records) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final String topic;
    private final TopicAdmin topics;
    private final BatchHandler handler;
    private final Map<String, Object> props;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    public ConsumerLoop(Map<String, Object> kafkaConfig, String groupId, String topic, TopicAdmin topics,
            BatchHandler handler) {
        this.topic = topic;
        this.topics = topics;
        this.handler = handler;
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
        thread.start();
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
                pause();
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer = c;
            c.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                try {
                    handler.handle(batch);
                    c.commitSync();
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warnf("Could not apply %d records from %s, reading them again in %s: %s", batch.size(),
                            topic, BACKOFF, e.getMessage());
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
