package vn.congdoan.sangkien.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Entry point: {@code java -jar benchmarks.jar <suite>}, against a running local stack. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length > 0 ? args[0] : "org-units";
        Path report = Path.of(args.length > 1 ? args[1] : "benchmarks/target/report-" + suite + ".md");
        String markdown = switch (suite) {
            case "org-units" -> new OrgUnitBenchmark(env("ORG_UNIT_URL", "http://localhost:8081"),
                    Integer.parseInt(env("BENCH_UNITS", "150000"))).run();
            case "standings" -> new StandingsBenchmark(env("RANKING_URL", "http://localhost:8083"),
                    env("HELLO_URL", "http://localhost:8090"), env("SUBMISSION_URL", "http://localhost:8082"),
                    env("ORG_UNIT_URL", "http://localhost:8081"), env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
                    Integer.parseInt(env("BENCH_INITIATIVES", "200000"))).run();
            default -> throw new IllegalArgumentException("Unknown suite " + suite + "; known: org-units, standings");
        };
        String header = "# Benchmark: " + suite + "\n\nRun on " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + "\n\n";
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, header + markdown);
        System.out.println(header + markdown);
        System.out.println("Report written to " + report);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
