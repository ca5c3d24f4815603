package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Entry point: {@code java -jar benchmarks.jar <suite> [report]}, against a running local stack. */
public final class Benchmarks {

    private static final long STARTED = System.nanoTime();

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String suite = args.length > 0 ? args[0] : "org-units";
        Path report = Path.of(args.length > 1 ? args[1] : suite.equals("all") ? "benchmarks/target/report.md"
                : "benchmarks/target/report-" + suite + ".md");
        Files.createDirectories(report.toAbsolutePath().getParent());
        String header;
        String markdown;
        switch (suite) {
            case "all" -> {
                header = "# Benchmarks\n\nRun on " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .format(Instant.now().atOffset(ZoneOffset.UTC)) + ".\n";
                markdown = new FullBenchmark(report.toAbsolutePath().getParent()).run();
            }
            case "org-units" -> {
                header = header(suite);
                markdown = new OrgUnitBenchmark(env("ORG_UNIT_URL", "http://localhost:8081"),
                        env("HELLO_URL", "http://localhost:8090"), Integer.parseInt(env("BENCH_UNITS", "150000")))
                        .run();
            }
            case "standings" -> {
                header = header(suite);
                markdown = new StandingsBenchmark(env("RANKING_URL", "http://localhost:8083"),
                        env("HELLO_URL", "http://localhost:8090"), env("SUBMISSION_URL", "http://localhost:8082"),
                        env("ORG_UNIT_URL", "http://localhost:8081"),
                        env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
                        Integer.parseInt(env("BENCH_INITIATIVES", "200000"))).run();
            }
            default -> throw new IllegalArgumentException("Unknown suite " + suite
                    + "; known: all, org-units, standings");
        }
        Files.writeString(report, header + "\n" + markdown);
        System.out.println();
        System.out.println(header + "\n" + markdown);
        System.out.println("Report written to " + report);
    }

    private static String header(String suite) {
        return "# Benchmark: " + suite + "\n\nRun on " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + "\n";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A line of progress, with the seconds since the run began. */
    static void say(String line) {
        System.out.printf("[%5d s] %s%n", (System.nanoTime() - STARTED) / 1_000_000_000L, line);
    }

    /** Cores, processor model, memory and Java version of this machine. */
    static String machine() {
        String cpu = "";
        long memoryKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | NumberFormatException notLinux) {
            // the machine line then lacks them
        }
        return "%d cores%s, %.0f GiB, Java %s".formatted(Runtime.getRuntime().availableProcessors(),
                cpu.isEmpty() ? "" : " (" + cpu + ")", memoryKb / 1024.0 / 1024.0, System.getProperty("java.version"));
    }
}
