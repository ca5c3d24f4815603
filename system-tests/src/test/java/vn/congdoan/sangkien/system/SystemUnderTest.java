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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;

import vn.congdoan.sangkien.localstack.KafkaServer;
import vn.congdoan.sangkien.localstack.PostgresServer;
import vn.congdoan.sangkien.localstack.Processes;

/**
 * The whole system, each part a process of its own that a test can kill and start again: PostgreSQL (one server, a
 * database per service), a Kafka broker and the three services from their packaged jars, started the way
 * {@code ./run-local.sh} starts them, one instance of each or several sharing the service's database (as replicas of
 * a Kubernetes Deployment do). Ports are free ones chosen at start and kept across restarts, and so is every part's
 * data, under {@code dir}.
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
    private final int[] kafkaPorts;
    private final int[] controllerPorts;
    private final String kafkaCluster = Uuid.randomUuid().toString();
    private final int instances;
    private final Map<String, String> settings;
    private final Map<Service, int[]> ports = new EnumMap<>(Service.class);
    private final Map<Service, Process[]> services = new EnumMap<>(Service.class);
    private PostgresServer postgres;
    private final Process[] kafka;

    private SystemUnderTest(Path dir, int instances, int brokers, Map<String, String> settings) throws IOException {
        this.dir = dir;
        this.instances = instances;
        this.settings = settings;
        this.logs = Files.createDirectories(dir.resolve("logs"));
        this.kafkaPorts = new int[brokers];
        this.controllerPorts = new int[brokers];
        this.kafka = new Process[brokers];
        for (int b = 0; b < brokers; b++) {
            kafkaPorts[b] = freePort();
            controllerPorts[b] = freePort();
        }
        for (Service s : Service.values()) {
            int[] free = new int[instances];
            for (int i = 0; i < instances; i++) {
                free[i] = freePort();
            }
            ports.put(s, free);
            services.put(s, new Process[instances]);
        }
    }

    /** Starts every part, one instance of each service, and waits until all three services are ready. */
    static SystemUnderTest start(Path dir) throws Exception {
        return start(dir, 1, 1, Map.of());
    }

    /**
     * Starts every part with {@code instances} instances of each service and {@code brokers} Kafka brokers (1, or 3:
     * a cluster whose topics keep 3 copies, 2 of them in sync, as in production), each service given
     * {@code settings} (environment variables) beside the usual ones, and waits until all of them are ready.
     */
    static SystemUnderTest start(Path dir, int instances, int brokers, Map<String, String> settings) throws Exception {
        SystemUnderTest system = new SystemUnderTest(dir, instances, brokers, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "system-under-test-stop"));
        system.startPostgres();
        for (Service s : Service.values()) {
            system.postgres.createDatabase(s.database);
        }
        system.startKafka();
        for (Service s : Service.values()) {
            for (int i = 0; i < instances; i++) {
                system.launch(s, i);
            }
        }
        for (Service s : Service.values()) {
            for (int i = 0; i < instances; i++) {
                system.awaitReady(s, i);
            }
        }
        return system;
    }

    int instances() {
        return instances;
    }

    /** The first running instance of a service (the first instance when none runs), as a load balancer picks one. */
    String url(Service service) {
        Process[] running = services.get(service);
        for (int i = 0; i < running.length; i++) {
            if (running[i] != null && running[i].isAlive()) {
                return url(service, i);
            }
        }
        return url(service, 0);
    }

    String url(Service service, int instance) {
        return "http://127.0.0.1:" + ports.get(service)[instance];
    }

    /** A connection to a service's own database, for the tests' ground truth. */
    Connection database(Service service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + service.database,
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    long pid(Service service) {
        return services.get(service)[0].pid();
    }

    /** SIGKILL: no shutdown hook runs, in-flight requests are cut off. */
    void kill(Service service) throws InterruptedException {
        kill(service, 0);
    }

    void kill(Service service, int instance) throws InterruptedException {
        sigkill(services.get(service), instance);
    }

    /** Kills the process in a slot, if any, and empties the slot. */
    private static void sigkill(Process[] slots, int index) throws InterruptedException {
        Process p = slots[index];
        slots[index] = null;
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
        Process p = services.get(service)[0];
        services.get(service)[0] = null;
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
        restart(service, 0);
    }

    void restart(Service service, int instance) throws Exception {
        launch(service, instance);
        awaitReady(service, instance);
    }

    /** SIGKILL of every broker. */
    void killKafka() throws InterruptedException {
        for (int b = 0; b < kafka.length; b++) {
            killBroker(b + 1);
        }
    }

    /** SIGKILL of one broker of a cluster, by its node id (1, 2, 3). */
    void killBroker(int node) throws InterruptedException {
        sigkill(kafka, node - 1);
    }

    /** The brokers' addresses, as clients are given them. */
    String bootstrapServers() {
        return Arrays.stream(kafkaPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /**
     * Starts every broker that is not running, on its port with the log it had: what it held before a kill is still
     * there. The nodes of a cluster start together, as each waits for the quorum.
     */
    void startKafka() throws IOException, InterruptedException {
        List<Integer> starting = new ArrayList<>();
        for (int b = 0; b < kafka.length; b++) {
            if (kafka[b] == null) {
                starting.add(b + 1);
            }
        }
        Map<Integer, Long> offsets = new HashMap<>();
        for (int node : starting) {
            Path log = brokerLog(node);
            offsets.put(node, Files.exists(log) ? Files.size(log) : 0);
            List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", HOME.resolve("local-stack/target/local-stack-1.0.0-SNAPSHOT.jar")
                            .toString(), KafkaServer.class.getName()));
            if (kafka.length == 1) {
                command.addAll(List.of(dir.resolve("kafka").toString(), Integer.toString(kafkaPorts[0])));
            } else {
                String voters = IntStream.range(0, kafka.length)
                        .mapToObj(b -> (b + 1) + "@127.0.0.1:" + controllerPorts[b]).collect(Collectors.joining(","));
                command.addAll(List.of(dir.resolve("kafka-" + node).toString(), Integer.toString(kafkaPorts[node - 1]),
                        kafkaCluster, Integer.toString(node), Integer.toString(controllerPorts[node - 1]), voters));
            }
            kafka[node - 1] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        for (int node : starting) {
            Path log = brokerLog(node);
            while (!logSince(log, offsets.get(node)).contains(KafkaServer.READY)) {
                if (!kafka[node - 1].isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka did not start:\n" + logSince(log, offsets.get(node)));
                }
                Thread.sleep(100);
            }
        }
    }

    private Path brokerLog(int node) {
        return logs.resolve(kafka.length == 1 ? "kafka.log" : "kafka-" + node + ".log");
    }

    /** A fast shutdown of PostgreSQL: open connections are cut, the data stays. */
    void stopPostgres() {
        postgres.close();
    }

    void startPostgres() {
        postgres = PostgresServer.start(dir.resolve("postgres"), postgresPort, false);
    }

    private void launch(Service s, int instance) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(SERVICE_JVM);
        command.addAll(List.of("-jar", HOME.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(s, instance).toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_PROFILE", "local");
        env.put("HTTP_PORT", Integer.toString(ports.get(s)[instance]));
        env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + s.database);
        env.put("RANKING_SUBMISSION_SERVICE_URL", url(Service.SUBMISSION, instance));
        env.put("DB_USER", PostgresServer.USER);
        env.put("DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        // the production settings with a cluster of three, one copy with a single broker
        env.put("KAFKA_REPLICATION_FACTOR", kafka.length == 1 ? "1" : "3");
        env.put("KAFKA_MIN_INSYNC_REPLICAS", kafka.length == 1 ? "1" : "2");
        // the outbox is reported DOWN at /q/health/well once an event has waited this long (a minute by default)
        env.put("OUTBOX_ALERT_AFTER", "1S");
        // an event the broker refuses is parked after two attempts (five by default)
        env.put("OUTBOX_MAX_ATTEMPTS", "2");
        env.putAll(settings);
        services.get(s)[instance] = pb.start();
    }

    private void awaitReady(Service s, int instance) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url(s, instance) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process p = services.get(s)[instance];
            if (!p.isAlive()) {
                throw new IllegalStateException(s.module + " exited with " + p.exitValue() + ":\n"
                        + tail(s, instance));
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
        throw new IllegalStateException(s.module + " not ready in " + START_TIMEOUT + ":\n" + tail(s, instance));
    }

    /** An instance's log: its output since it first started, restarts appended. */
    Path log(Service s, int instance) {
        return logs.resolve(s.module + (instance == 0 ? "" : "-" + instance) + ".log");
    }

    /** The last lines of an instance's log, for failure messages. */
    String tail(Service s, int instance) {
        try {
            List<String> lines = Files.readAllLines(log(s, instance));
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
        Processes.stop(services.values().stream().flatMap(Arrays::stream).filter(Objects::nonNull).toList(),
                Duration.ofSeconds(20));
        services.values().forEach(instances -> Arrays.fill(instances, null));
        Processes.stop(Arrays.stream(kafka).filter(Objects::nonNull).toList(), Duration.ofSeconds(20));
        Arrays.fill(kafka, null);
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
