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
 * port and data directory (the system tests do this); or one node of a cluster of three, as Kafka runs in production,
 * each node a broker and a voter of the controller quorum.
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
        return start(dataDir, port, durable, null);
    }

    /**
     * One node of a cluster: a broker on {@code port} and a voter of the controller quorum on {@code controllerPort}.
     * Its internal topics keep three copies, of which two must hold a record, as the services' topics do in
     * production; the broker's replication timeouts are Kafka's own, not a single broker's shortened ones.
     *
     * @param voters the quorum, {@code 1@127.0.0.1:PORT,2@…,3@…}: every node is given the same
     */
    public static KafkaServer startNode(Path dataDir, String clusterId, int nodeId, int port, int controllerPort,
            String voters) {
        return start(dataDir, port, true, new Node(clusterId, nodeId, controllerPort, voters));
    }

    private record Node(String clusterId, int id, int controllerPort, String voters) {
    }

    private static KafkaServer start(Path dataDir, int port, boolean durable, Node node) {
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            Path clusterIdFile = dataDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, node == null ? Uuid.randomUuid().toString() : node.clusterId());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                    .withNodeId(node == null ? 1 : node.id())
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
                        if (node != null) {
                            props.put("controller.quorum.voters", node.voters());
                            props.put("offsets.topic.replication.factor", "3");
                            props.put("transaction.state.log.replication.factor", "3");
                            props.put("transaction.state.log.min.isr", "2");
                            props.put("default.replication.factor", "3");
                            props.put("min.insync.replicas", "2");
                            props.remove("replica.socket.timeout.ms");
                            props.remove("controller.socket.timeout.ms");
                            props.remove("replica.high.watermark.checkpoint.interval.ms");
                        }
                    });
            if (node != null) {
                broker.withControllerPort(node.controllerPort());
            }
            return new KafkaServer(broker.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka could not start in " + dataDir, e);
        }
    }

    /**
     * {@code java -cp local-stack.jar vn.congdoan.sangkien.localstack.KafkaServer DATA_DIR PORT}: prints
     * {@value #READY} when the broker accepts connections, and runs until stopped. With
     * {@code CLUSTER_ID NODE_ID CONTROLLER_PORT VOTERS} after the port, one node of a cluster
     * ({@link #startNode}); it is ready once the quorum has a leader, so start every node at once.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && args.length != 6 || !args[1].matches("\\d{1,5}")) {
            System.err.println("Usage: KafkaServer DATA_DIR PORT [CLUSTER_ID NODE_ID CONTROLLER_PORT VOTERS]");
            System.exit(2);
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        KafkaServer server = args.length == 2 ? start(Path.of(args[0]), Integer.parseInt(args[1]), true)
                : startNode(Path.of(args[0]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[1]),
                        Integer.parseInt(args[4]), args[5]);
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
