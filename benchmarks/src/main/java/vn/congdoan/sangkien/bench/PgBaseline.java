package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What PostgreSQL itself does on this machine: transactions of one initiative row (the same table shape as
 * submission-service's, indexes included) plus one outbox row, in a database of their own on the same server.
 * Run by pgbench when the machine has it; otherwise by a JDBC loop with the same SQL and the same number of
 * connections, and labelled so.
 */
final class PgBaseline {

    /** @param tool what ran the transactions */
    record Result(String tool, int clients, double seconds, long transactions, Histogram latency) {

        double tps() {
            return transactions / seconds;
        }

        double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000_000.0;
        }
    }

    private static final String DATABASE = "write_baseline";
    static final String INSERT_INITIATIVE = "insert into bench_initiative (id, programme_code, title, problem, solution, "
            + "expected_benefit, field, unit_id, province_id, visibility, status, external_ref, submitted_by, "
            + "submitted_at, created_at, updated_at, version) values (gen_random_uuid(), '1-trieu-sang-kien', "
            + "'Sang kien tiet kiem dien', 'He thong chieu sang nha xuong bat ca ngay.', "
            + "'Lap cam bien anh sang va hen gio theo ca.', 'Giam 18 % dien nang chieu sang.', 'OTHER', "
            + "'6a1f1b6e-2a35-4a4e-9d55-0d2b51f5e0a1', '3b2e7a0c-94f5-4a63-8f1d-2f1c1a9f0b42', 'PUBLIC', 'SUBMITTED', "
            + "null, 'bench-member-1', now(), now(), now(), 1)";
    static final String INSERT_OUTBOX = "insert into bench_outbox (topic, record_key, payload) values "
            + "('initiative-events.v1', md5(cast(random() as text)), '{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
            + "\"type\":\"SUBMITTED\",\"occurredAt\":\"2026-11-26T01:00:00Z\",\"initiativeId\":"
            + "\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"version\":1,\"programmeCode\":\"1-trieu-sang-kien\","
            + "\"unitId\":\"6a1f1b6e-2a35-4a4e-9d55-0d2b51f5e0a1\",\"provinceId\":\"3b2e7a0c-94f5-4a63-8f1d-2f1c1a9f0b42\","
            + "\"status\":\"SUBMITTED\",\"authorIds\":[\"bench-member-1\"],\"submittedAt\":\"2026-11-26T01:00:00Z\"}')";

    private final String host;
    private final int port;

    /** @param host, port of the PostgreSQL server, where user postgres has password postgres */
    PgBaseline(String host, int port) {
        this.host = host;
        this.port = port;
    }

    private Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, "postgres",
                "postgres");
    }

    /** Rows the runs so far left in the baseline's tables: {initiatives, outbox rows}. */
    long[] rows() throws SQLException {
        try (Connection c = database(DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from bench_initiative), "
                        + "(select count(*) from bench_outbox)")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /** @param pgbench the pgbench program, or {@code null} for the JDBC loop */
    Result run(String pgbench, int clients, Duration length) throws Exception {
        prepare();
        return pgbench != null ? pgbench(pgbench, clients, length) : jdbc(clients, length);
    }

    private void prepare() throws Exception {
        try (Connection c = database("postgres"); Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("create database " + DATABASE);
            }
        }
        try (Connection c = database(DATABASE); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_initiative, bench_outbox");
            s.execute("""
                    create table bench_initiative (
                        id uuid primary key, programme_code text not null, title text not null, problem text not null,
                        solution text not null, expected_benefit text not null, field text not null,
                        unit_id uuid not null, province_id uuid not null, visibility text not null,
                        status text not null, external_ref text, submitted_by text not null,
                        submitted_at timestamptz, created_at timestamptz not null, updated_at timestamptz not null,
                        version bigint not null, unique (province_id, external_ref))""");
            s.execute("create index on bench_initiative (province_id, status)");
            s.execute("create index on bench_initiative (unit_id)");
            s.execute("""
                    create table bench_outbox (
                        id bigint generated always as identity primary key, topic text not null,
                        record_key text not null, payload text not null, created_at timestamptz not null default now())""");
        }
    }

    private Result pgbench(String program, int clients, Duration length) throws Exception {
        Path dir = Files.createTempDirectory("pgbench");
        Path script = dir.resolve("insert.sql");
        Files.writeString(script, "begin;\n" + INSERT_INITIATIVE + ";\n" + INSERT_OUTBOX + ";\ncommit;\n");
        ProcessBuilder pb = new ProcessBuilder(program, "-n", "-h", host, "-p", Integer.toString(port),
                "-U", "postgres", "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Long.toString(length.toSeconds()), "-M", "prepared", "-f", script.toString(), "-l",
                "--log-prefix=" + dir.resolve("log"), DATABASE).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
        Matcher duration = Pattern.compile("duration: (\\d+) s").matcher(output);
        if (!processed.find() || !duration.find()) {
            throw new IllegalStateException("Unexpected pgbench output: " + output);
        }
        Histogram latency = new Histogram(3);
        // Per-transaction log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log")).toList()) {
                try (Stream<String> lines = Files.lines(log)) {
                    lines.forEach(line -> latency.recordValue(Long.parseLong(line.split(" ")[2]) * 1000));
                }
            }
        }
        deleteAll(dir);
        return new Result("pgbench " + version(program), clients, Double.parseDouble(duration.group(1)),
                Long.parseLong(processed.group(1)), latency);
    }

    private Result jdbc(int clients, Duration length) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                try (Connection connection = database(DATABASE);
                        PreparedStatement initiative = connection.prepareStatement(INSERT_INITIATIVE);
                        PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        initiative.executeUpdate();
                        outbox.executeUpdate();
                        connection.commit();
                        recorder.recordValue(System.nanoTime() - t0);
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Result("JDBC loop (pgbench not found)", clients, (System.nanoTime() - start) / 1e9, count.get(),
                recorder.getIntervalHistogram());
    }

    private static String version(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            Matcher m = Pattern.compile("\\d+\\.\\d+").matcher(out);
            return m.find() ? m.group() : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
