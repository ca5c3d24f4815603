package vn.congdoan.sangkien.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import vn.congdoan.sangkien.localstack.KafkaServer;
import vn.congdoan.sangkien.localstack.PostgresServer;

/**
 * The whole system, each part a process of its own that a test can kill and start again: PostgreSQL (one server, a
 * database per service), a Kafka broker and the three services from their packaged jars, started the way
 * {@code ./run-local.sh} starts them. Ports are free ones chosen at start and kept across restarts, and so is every
 * part's data, under {@code dir}.
 */
final class SystemUnderTest implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("sangkien.home", "..")).toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> SERVICE_JVM = List.of("-Xmx192m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** A service of the system: its module folder and database. */
    enum Service {
        ORG_UNIT("org-unit-service", "orgunit"),
        SUBMISSION("submission-service", "submission"),
        RANKING("ranking-service", "ranking");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    private final Path dir;
    private final Path logs;
    private final int postgresPort = freePort();
    private final int kafkaPort = freePort();
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Process> services = new EnumMap<>(Service.class);
    private PostgresServer postgres;
    private Process kafka;

    private SystemUnderTest(Path dir) throws IOException {
        this.dir = dir;
        this.logs = Files.createDirectories(dir.resolve("logs"));
        for (Service s : Service.values()) {
            ports.put(s, freePort());
        }
    }

    /** Starts every part and waits until all three services are ready. */
    static SystemUnderTest start(Path dir) throws Exception {
        SystemUnderTest system = new SystemUnderTest(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "system-under-test-stop"));
        system.startPostgres();
        for (Service s : Service.values()) {
            system.postgres.createDatabase(s.database);
        }
        system.startKafka();
        for (Service s : Service.values()) {
            system.launch(s);
        }
        for (Service s : Service.values()) {
            system.awaitReady(s);
        }
        return system;
    }

    String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** A connection to a service's own database, for the tests' ground truth. */
    Connection database(Service service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + service.database,
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    long pid(Service service) {
        return services.get(service).pid();
    }

    boolean isAlive(Service service) {
        Process p = services.get(service);
        return p != null && p.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, in-flight requests are cut off. */
    void kill(Service service) throws InterruptedException {
        Process p = services.remove(service);
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }

    /**
     * SIGTERM: the service stops taking requests, answers those in flight within its shutdown timeout, finishes its
     * outbox relay's round and exits.
     *
     * @return how long it took to exit
     */
    Duration terminate(Service service) throws InterruptedException {
        Process p = services.remove(service);
        long started = System.nanoTime();
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(service.module + " did not stop within 60 s of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Starts a killed service again on its port and waits until it is ready. */
    void restart(Service service) throws Exception {
        launch(service);
        awaitReady(service);
    }

    void killKafka() throws InterruptedException {
        if (kafka != null) {
            kafka.destroyForcibly().waitFor();
            kafka = null;
        }
    }

    /** Starts the broker on its port with the log it had: what it held before a kill is still there. */
    void startKafka() throws IOException, InterruptedException {
        Path log = logs.resolve("kafka.log");
        long offset = Files.exists(log) ? Files.size(log) : 0;
        kafka = new ProcessBuilder(JAVA, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", HOME.resolve("local-stack/target/local-stack-1.0.0-SNAPSHOT.jar").toString(),
                KafkaServer.class.getName(), dir.resolve("kafka").toString(), Integer.toString(kafkaPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!logSince(log, offset).contains(KafkaServer.READY)) {
            if (!kafka.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka did not start:\n" + logSince(log, offset));
            }
            Thread.sleep(100);
        }
    }

    /** A fast shutdown of PostgreSQL: open connections are cut, the data stays. */
    void stopPostgres() {
        postgres.close();
    }

    void startPostgres() {
        postgres = PostgresServer.start(dir.resolve("postgres"), postgresPort, false);
    }

    private void launch(Service s) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(SERVICE_JVM);
        command.addAll(List.of("-jar", HOME.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(s.module + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_PROFILE", "local");
        env.put("HTTP_PORT", Integer.toString(ports.get(s)));
        env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + s.database);
        env.put("RANKING_SUBMISSION_SERVICE_URL", url(Service.SUBMISSION));
        env.put("DB_USER", PostgresServer.USER);
        env.put("DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("KAFKA_REPLICATION_FACTOR", "1");
        env.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
        // the outbox is reported DOWN at /q/health/well once an event has waited this long (a minute by default)
        env.put("OUTBOX_ALERT_AFTER", "1S");
        // an event the broker refuses is parked after two attempts (five by default)
        env.put("OUTBOX_MAX_ATTEMPTS", "2");
        services.put(s, pb.start());
    }

    private void awaitReady(Service s) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url(s) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process p = services.get(s);
            if (!p.isAlive()) {
                throw new IllegalStateException(s.module + " exited with " + p.exitValue() + ":\n" + tail(s));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(s.module + " not ready in " + START_TIMEOUT + ":\n" + tail(s));
    }

    /** The last lines of a service's log, for failure messages. */
    String tail(Service s) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(s.module + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String logSince(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        services.values().forEach(Process::destroy);
        for (Process p : services.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        services.clear();
        if (kafka != null) {
            kafka.destroy();
            try {
                if (!kafka.waitFor(20, TimeUnit.SECONDS)) {
                    kafka.destroyForcibly();
                }
            } catch (InterruptedException e) {
                kafka.destroyForcibly();
            }
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
