package vn.congdoan.sangkien.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), in this JVM. Its log directory
 * and cluster id are kept in {@code dataDir}, so a restart finds every record it held.
 */
public final class KafkaServer implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private KafkaServer(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /**
     * @param durable {@code false} deletes the log directory on close: for tests
     */
    public static KafkaServer start(Path dataDir, int port, boolean durable) {
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            Path clusterIdFile = dataDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                    .withNodeId(1)
                    .withClusterId(clusterId)
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(port)
                    .withDeleteLogDirsOnClose(!durable)
                    .withAdditionalProperties(props -> {
                        props.put("log.dirs", logs.toString());
                        props.put("num.partitions", "3");
                        props.put("auto.create.topics.enable", "false");
                        props.put("group.initial.rebalance.delay.ms", "0");
                        props.put("offsets.topic.num.partitions", "5");
                    })
                    .start();
            return new KafkaServer(broker);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka could not start in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
