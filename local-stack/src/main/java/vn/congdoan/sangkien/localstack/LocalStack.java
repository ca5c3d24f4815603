package vn.congdoan.sangkien.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole system on one machine: PostgreSQL and Kafka, then the three services from their packaged jars.
 * Data survives restarts in {@code SANGKIEN_DATA_DIR}. SIGINT or SIGTERM stops everything it started.
 */
public final class LocalStack {

    /** Where web apps and dashboards under development are served from: they may call the local services. */
    static final String DEV_ORIGINS = "http://localhost:3000,http://localhost:5173,http://localhost:8080,"
            + "http://127.0.0.1:3000,http://127.0.0.1:5173,http://127.0.0.1:8080";

    /** The serial collector, with bounded class metadata, compiled code and thread stacks: every service. */
    private static final String SERIAL = "-XX:+UseSerialGC -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=128m "
            + "-XX:ReservedCodeCacheSize=48m -Xss512k";

    /** {@link #SERIAL}, a heap grown only below 10 % free, C2 alone on one compiler thread: the services that import. */
    private static String serialC2() {
        return SERIAL + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:-TieredCompilation "
                + "-XX:CICompilerCount=1" + trimNativeHeap();
    }

    /**
     * Keeps submission-service under its memory target: a heap sized for its largest import, the serial collector (no
     * concurrent threads or remembered sets on a 2-core machine), and bounded class metadata and compiled code. The
     * heap starts large enough that the old generation has room for what a service keeps under load, without a long
     * full collection to grow it, and class metadata may grow to its limit before it triggers a full collection.
     * Methods are compiled by C2 alone, one at a time: without the C1 tiers there is no C1 code and no profiling data
     * for the thousands of methods that run only a few times, and a single compiler thread holds one compilation's
     * working memory at a time (less resident, the same throughput once warm; the first minute after a start runs
     * more of the write path interpreted). The heap grows only when a full collection leaves less than 10 % of it
     * free, as the image's launcher has it too. The measurements: benchmarks/FINDINGS.md, "Measurements behind the code's choices".
     */
    static final String DEFAULT_SERVICE_JAVA_OPTS = "-Xms80m -Xmx144m " + serialC2();

    /**
     * ranking-service keeps little (the standings of 63 provinces, its consumers' buffers) and imports nothing, so
     * its heap is fixed, sized for the open streams of the standings it admits, each holding its connection and its
     * metrics (benchmarks/FINDINGS.md, "The leaderboard page and 5,000 streams"). The serial collector grows the heap,
     * up to its maximum, whenever objects outgrow the old generation between two collections, as a rebuild's events
     * make them do; with a fixed heap it collects fully instead, and a rebuild takes as long. Methods are compiled by C2 alone on one compiler thread, as in the other
     * services: tiered compilation's two compiler threads took much of its CPU in bursts on a busy machine. The
     * measurements: benchmarks/FINDINGS.md, "Measurements behind the code's choices".
     */
    static final String RANKING_JAVA_OPTS = "-Xms96m -Xmx96m " + SERIAL
            + " -XX:-TieredCompilation -XX:CICompilerCount=1" + trimNativeHeap();

    /**
     * org-unit-service imports up to 50,000 units a request, which needs the larger heap. Otherwise as
     * submission-service: the serial collector, growing the heap only below 10 % free, and C2 alone on one compiler
     * thread. With G1 and tiered compilation its resident size had passed 300 MB, G1's own structures and compiled
     * code most of the difference (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
     */
    static final String ORG_UNIT_JAVA_OPTS = "-Xms64m -Xmx256m " + serialC2();

    /** The C library's heap settings of every service (as in the services' images). */
    static final Map<String, String> MALLOC_SETTINGS = Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_THRESHOLD_",
            "65536", "MALLOC_TRIM_THRESHOLD_", "65536");

    /**
     * Gives memory the JIT compilers and others freed back to the system every five seconds (glibc keeps it
     * otherwise; see benchmarks/FINDINGS.md, "Measurements behind the code's choices"). Java 17.0.9 and later.
     */
    static String trimNativeHeap() {
        Runtime.Version v = Runtime.version();
        boolean supported = v.feature() > 17 || v.feature() == 17 && (v.interim() > 0 || v.update() >= 9);
        return supported ? " -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000" : "";
    }

    /** A service of the system: its module folder, database, HTTP port and JVM options unless SERVICE_JAVA_OPTS. */
    record Service(String name, String database, int port, String javaOpts) {
        Path jar(Path root) {
            return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    private final List<Process> services = new ArrayList<>();
    private KafkaServer kafka;
    private PostgresServer postgres;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("SANGKIEN_HOME", ".")).toAbsolutePath().normalize();
        Path data = root.resolve(env("SANGKIEN_DATA_DIR", ".local-data")).normalize();
        Path logs = Files.createDirectories(data.resolve("logs"));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("kafka.log").toString());

        List<Service> services = List.of(
                new Service("org-unit-service", "orgunit", intEnv("ORG_UNIT_PORT", 8081), ORG_UNIT_JAVA_OPTS),
                new Service("submission-service", "submission", intEnv("SUBMISSION_PORT", 8082),
                        DEFAULT_SERVICE_JAVA_OPTS),
                new Service("ranking-service", "ranking", intEnv("RANKING_PORT", 8083), RANKING_JAVA_OPTS));
        for (Service s : services) {
            if (!Files.exists(s.jar(root))) {
                fail("Missing " + s.jar(root) + ": build first (./mvnw -DskipTests package), or use ./run-local.sh");
            }
        }

        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start(root, data, logs, services);
        } catch (RuntimeException e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void start(Path root, Path data, Path logs, List<Service> all) throws IOException, InterruptedException {
        Instant began = Instant.now();
        int pgPort = intEnv("LOCAL_POSTGRES_PORT", 15432);
        int kafkaPort = intEnv("LOCAL_KAFKA_PORT", 19092);

        say("Starting PostgreSQL on 127.0.0.1:" + pgPort + " (data in " + data.resolve("postgres") + ")");
        postgres = PostgresServer.start(data.resolve("postgres"), pgPort, true);
        if (postgres.created()) {
            say("Reserving " + PostgresServer.MIN_WAL_FILES + " WAL files of 16 MB for reuse");
            postgres.reserveWal(PostgresServer.MIN_WAL_FILES);
        }
        all.forEach(s -> postgres.createDatabase(s.database()));

        say("Starting Kafka (KRaft) on 127.0.0.1:" + kafkaPort);
        kafka = KafkaServer.start(data.resolve("kafka"), kafkaPort, true);

        String sharedJavaOpts = System.getenv("SERVICE_JAVA_OPTS");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Service s : all) {
            List<String> command = new ArrayList<>(List.of(java));
            // one service's own options (RANKING_SERVICE_JAVA_OPTS…), else every service's, else its defaults
            String ownJavaOpts = System.getenv(s.name().toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_JAVA_OPTS");
            String javaOpts = ownJavaOpts != null && !ownJavaOpts.isBlank() ? ownJavaOpts
                    : sharedJavaOpts == null || sharedJavaOpts.isBlank() ? s.javaOpts() : sharedJavaOpts;
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            command.addAll(List.of("-jar", s.jar(root).toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(s.name() + ".log").toFile()));
            Map<String, String> env = pb.environment();
            // The "local" profile accepts tokens signed with the development key (./dev-token.sh); prod refuses it.
            env.put("QUARKUS_PROFILE", "local");
            // glibc's native heap, where the JIT compiler's working memory comes from: one arena (its default of one
            // per core and thread grows the resident size for nothing), blocks of 64 KB or more mapped apart and
            // unmapped when freed, and free memory at the top given back past 64 KB rather than 128 KB.
            MALLOC_SETTINGS.forEach(env::putIfAbsent);
            env.putIfAbsent("CORS_ORIGINS", DEV_ORIGINS);
            env.put("HTTP_PORT", Integer.toString(s.port()));
            env.put("DB_URL", postgres.jdbcUrl(s.database()));
            env.put("DB_USER", PostgresServer.USER);
            env.put("DB_PASSWORD", PostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            // one broker: one copy of each partition (production keeps three)
            env.put("KAFKA_REPLICATION_FACTOR", "1");
            env.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
            // ranking-service asks submission-service for the titles of a report's initiatives
            all.stream().filter(other -> other.name().equals("submission-service")).findFirst().ifPresent(
                    other -> env.put("RANKING_SUBMISSION_SERVICE_URL", "http://127.0.0.1:" + other.port()));
            say("Starting " + s.name() + " on port " + s.port() + " (log: " + logs.resolve(s.name() + ".log") + ")");
            services.add(pb.start());
        }

        for (int i = 0; i < all.size(); i++) {
            awaitReady(all.get(i), services.get(i), logs);
        }
        say("All services ready in " + Duration.between(began, Instant.now()).toSeconds() + " s");
        System.out.println();
        System.out.printf("  %-20s %-32s %-40s %s%n", "service", "API", "Swagger UI", "health");
        for (Service s : all) {
            String base = "http://localhost:" + s.port();
            System.out.printf("  %-20s %-32s %-40s %s%n", s.name(), base + "/api/v1", base + "/q/swagger-ui",
                    base + "/q/health");
        }
        System.out.println();
        System.out.println("  PostgreSQL  jdbc:postgresql://127.0.0.1:" + pgPort + "/{orgunit,submission,ranking}"
                + "  user " + PostgresServer.USER);
        System.out.println("  Kafka       " + kafka.bootstrapServers());
        System.out.println();
        say("Press Ctrl-C to stop everything.");
    }

    private void awaitReady(Service s, Process process, Path logs) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + s.port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(intEnv("LOCAL_START_TIMEOUT_SECONDS", 180)));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(s.name() + " exited with " + process.exitValue() + "; see "
                        + logs.resolve(s.name() + ".log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say(s.name() + " is ready");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(s.name() + " not ready in time; see " + logs.resolve(s.name() + ".log"));
    }

    private synchronized void stop() {
        if (!services.isEmpty() || kafka != null || postgres != null) {
            say("Stopping...");
        }
        Processes.stop(services, Duration.ofSeconds(30));
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        String value = env(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            fail(name + " must be a number, was '" + value + "'");
            return fallback;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private static void say(String line) {
        System.out.println("[local-stack] " + line);
    }
}
