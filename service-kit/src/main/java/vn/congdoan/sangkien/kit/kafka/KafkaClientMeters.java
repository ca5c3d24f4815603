package vn.congdoan.sangkien.kit.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The Kafka clients' own metrics (requests, batches, records, fetch lag, errors) at {@code /q/metrics}, for the
 * clients we make with the plain Kafka client: Quarkus binds only those its messaging makes. Closing the binder, as
 * the client closes, removes its meters and stops its thread that looks for new ones, so that a client made again
 * after a failure leaves nothing of its predecessor behind.
 */
public final class KafkaClientMeters {

    private KafkaClientMeters() {
    }

    /** Binds a producer's metrics until the returned binder is closed. */
    public static KafkaClientMetrics bind(Producer<?, ?> producer) {
        return bind(new KafkaClientMetrics(producer));
    }

    /** Binds a consumer's metrics until the returned binder is closed. */
    public static KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        return bind(new KafkaClientMetrics(consumer));
    }

    private static KafkaClientMetrics bind(KafkaClientMetrics metrics) {
        metrics.bindTo(Metrics.globalRegistry);
        return metrics;
    }
}
