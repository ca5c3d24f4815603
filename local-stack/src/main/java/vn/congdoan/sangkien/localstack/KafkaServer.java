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
 * <p>
 * {@link #main} runs the broker alone in its own process, so that it can be killed and started again on the same
 * port and data directory (the system tests do this).
 */
public final class KafkaServer implements AutoCloseable {

    /** What {@link #main} prints, followed by the bootstrap servers, once the broker is up. */
    public static final String READY = "Kafka ready on ";

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

    /**
     * {@code java -cp local-stack.jar vn.congdoan.sangkien.localstack.KafkaServer DATA_DIR PORT}: prints
     * {@value #READY} when the broker accepts connections, and runs until stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[1].matches("\\d{1,5}")) {
            System.err.println("Usage: KafkaServer DATA_DIR PORT");
            System.exit(2);
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        KafkaServer server = start(Path.of(args[0]), Integer.parseInt(args[1]), true);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kafka-shutdown"));
        System.out.println(READY + server.bootstrapServers());
        Thread.currentThread().join();
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
