package vn.congdoan.sangkien.kit.kafka;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The Kafka clients' own metrics (requests, batches, records, fetch lag, errors) at {@code /q/metrics}, for the
 * clients we make with the plain Kafka client: Quarkus binds only those its messaging makes. A client's meters are
 * removed when it closes, so that a client made again after a failure leaves nothing of its predecessor behind.
 */
public final class KafkaClientMeters {

    /** One thread looks for new metrics of every client, rather than one thread per client. */
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kafka-client-meters");
        thread.setDaemon(true);
        return thread;
    });

    private KafkaClientMeters() {
    }

    /** Binds a producer's metrics until the returned binder is closed. */
    public static KafkaClientMetrics bind(Producer<?, ?> producer) {
        return bind(new KafkaClientMetrics(producer, Tags.empty(), SCHEDULER));
    }

    /** Binds a consumer's metrics until the returned binder is closed. */
    public static KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        return bind(new KafkaClientMetrics(consumer, Tags.empty(), SCHEDULER));
    }

    private static KafkaClientMetrics bind(KafkaClientMetrics metrics) {
        metrics.bindTo(Metrics.globalRegistry);
        return metrics;
    }
}
