package vn.congdoan.sangkien.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.congdoan.sangkien.localstack.KafkaServer;

/**
 * A real Kafka broker (KRaft) for {@code @QuarkusTest}s: one per test JVM, on a free port, so topics have one copy
 * of each partition. {@code TEST_KAFKA_BOOTSTRAP_SERVERS} names an existing broker to use instead.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static String bootstrapServers;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(),
                "sangkien.topics.replication-factor", "1",
                "sangkien.topics.min-insync-replicas", "1");
    }

    @Override
    public void stop() {
        // The broker outlives a single test class and stops with the JVM.
    }

    /** The broker the tests of this JVM use; for test code that produces or consumes records itself. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
            } else {
                try {
                    Path dir = Files.createTempDirectory("sangkien-test-kafka-");
                    KafkaServer server = KafkaServer.start(dir, PostgresResource.freePort(), false);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        server.close();
                        TempDirs.delete(dir);
                    }, "test-kafka-stop"));
                    bootstrapServers = server.bootstrapServers();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return bootstrapServers;
    }
}
