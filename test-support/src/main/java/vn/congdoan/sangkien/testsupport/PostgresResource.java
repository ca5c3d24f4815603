package vn.congdoan.sangkien.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.congdoan.sangkien.localstack.PostgresServer;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: one server per test JVM, on a free port, with the database named by
 * the {@code database} init argument. {@code TEST_POSTGRES_URL} (a JDBC URL of an admin database, e.g.
 * {@code jdbc:postgresql://db:5432/postgres}) with {@code TEST_POSTGRES_USER} and {@code TEST_POSTGRES_PASSWORD}
 * names an existing server to use instead.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String external = System.getenv("TEST_POSTGRES_URL");
        String adminUrl;
        String user;
        String password;
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = System.getenv().getOrDefault("TEST_POSTGRES_USER", PostgresServer.USER);
            password = System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", PostgresServer.PASSWORD);
        } else {
            adminUrl = embedded().jdbcUrl("postgres");
            user = PostgresServer.USER;
            password = PostgresServer.PASSWORD;
        }
        PostgresServer.createDatabase(adminUrl, user, password, database);
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        // The server outlives a single test class and stops with the JVM.
    }

    private static synchronized PostgresServer embedded() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("sangkien-test-pg-");
                server = PostgresServer.start(dir.resolve("data"), freePort(), false);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    TempDirs.delete(dir);
                }, "test-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
