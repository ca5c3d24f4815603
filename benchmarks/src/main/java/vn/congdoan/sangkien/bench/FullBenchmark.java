package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.HdrHistogram.Histogram;

/**
 * Every measure of the system in one run, each against its honest baseline measured in the same run: reads against
 * a hello-world, writes against pgbench, the SSE stream with many clients, freshness, the full million through the
 * bulk import with a rebuild, and the services' resident memory throughout. Writes {@code report.md} and its PNG
 * charts into one folder.
 */
final class FullBenchmark {

    private static final Duration READS_WARMUP_STEP = Duration.ofSeconds(10);
    private static final Duration READS_WARMUP_MAX = Duration.ofSeconds(120);

    private final Stack stack = new Stack();
    private final Path folder;
    private final Timeline clock = new Timeline();
    private final Duration warmup = Duration.ofSeconds(Long.parseLong(Benchmarks.env("BENCH_WARMUP_SECONDS", "10")));
    private final Duration measure = Duration.ofSeconds(Long.parseLong(Benchmarks.env("BENCH_SECONDS", "20")));
    private final int clients = Integer.parseInt(Benchmarks.env("BENCH_CLIENTS", "4"));
    private final List<Integer> rates = Arrays.stream(
            Benchmarks.env("BENCH_RATES", "250,500,1000,1500,2000,2500,3000,3500,4000").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private final int scale = Integer.parseInt(Benchmarks.env("BENCH_SCALE", "1000000"));
    private final int sseClients = Integer.parseInt(Benchmarks.env("BENCH_SSE_CLIENTS", "5000"));
    private final int freshnessSamples = Integer.parseInt(Benchmarks.env("BENCH_FRESHNESS_SAMPLES", "100"));
    private final int pgClients = Integer.parseInt(Benchmarks.env("BENCH_PG_CLIENTS", "8"));
    private final int writeSenders = Integer.parseInt(Benchmarks.env("BENCH_WRITE_SENDERS", "64"));
    /** The pgbench program; unset or {@code none} for the JDBC loop. */
    private final String pgbench = "none".equals(Benchmarks.env("PGBENCH", "none")) ? null : Benchmarks.env("PGBENCH", null);

    private final Report report;
    /** Every latency row, for the percentile chart. */
    private final Map<String, Histogram> latencies;
    private final StringBuilder md;
    private final List<String[]> summary;
    /** hello-world's GETs per second in this run's reads, for the write path's ratio; NaN when not measured. */
    private double helloPerSecond = Double.NaN;

    FullBenchmark(Path folder) {
        this.folder = folder;
        this.report = new Report(folder);
        this.latencies = report.latencies;
        this.md = report.md;
        this.summary = report.summary;
    }

    String run() throws Exception {
        Files.createDirectories(folder.resolve("charts"));
        try (Memory memory = new Memory(clock)) {
            Benchmarks.say("services found: " + memory.pids());
            clock.mark("idle");
            Thread.sleep(5000);
            memory.phase("setup, reads");
            clock.mark("reads");

            Benchmarks.say("units and members: 63 provinces");
            Fixture fixture = Fixture.create(stack, Integer.parseInt(Benchmarks.env("BENCH_UNITS_PER_PROVINCE", "4")),
                    Integer.parseInt(Benchmarks.env("BENCH_MEMBERS", "1000")));

            LatencyRun.Result standingsSmall = part("reads") ? report.section("Read path", () -> reads(fixture)) : null;
            if (part("page")) {
                report.section("Leaderboard page", this::page);
            }
            if (part("sse")) {
                report.section("Server-Sent Events", () -> sse(fixture, memory));
            }
            if (part("freshness")) {
                report.section("Freshness", () -> freshness(fixture));
            }
            PgBaseline.Result baseline = part("baseline") ? report.section("Write baseline", this::baseline) : null;
            if (part("writes")) {
                memory.phase("write load");
                clock.mark("writes");
                record(memory, "writes", () -> report.section("Write path", () -> writes(fixture, baseline)));
            }
            if (part("scale")) {
                memory.phase("bulk import");
                clock.mark("import");
                record(memory, "scale", () -> report.section("Scale", () -> new ScalePart(stack, report, clock, scale, folder)
                        .run(fixture, memory, standingsSmall, clients, warmup, measure)));
            }
            memory.phase("after");
            clock.mark("after");
            Thread.sleep(3000);
            report.memory(memory, clock);
            report.percentileChart();
            return header() + report.summaryTable() + md;
        }
    }

    /**
     * Runs a part, with a JFR recording of each service around it when BENCH_JFR=1, and a CPU profile of each when
     * BENCH_PROFILE=1.
     */
    private void record(Memory memory, String name, Runnable part) throws Exception {
        boolean jfr = "1".equals(Benchmarks.env("BENCH_JFR", ""));
        boolean profile = "1".equals(Benchmarks.env("BENCH_PROFILE", ""));
        Profiler profiler = profile ? Profiler.of(memory.pids(), folder.resolve("profiles")) : null;
        if (jfr) {
            memory.startRecording(name);
        }
        if (profiler != null) {
            profiler.start();
        } else if (profile) {
            Benchmarks.say("  BENCH_PROFILE: async-profiler has no library for this machine; not profiled");
        }
        part.run();
        if (profiler != null) {
            md.append(profiler.stop(name));
        }
        if (jfr) {
            Path dir = Files.createDirectories(folder.resolve("jfr"));
            memory.stopRecording(name, dir);
            md.append("\nJFR recordings of this part: `%s/<service>-%s.jfr`.\n".formatted(dir, name));
        }
    }

    /** Whether BENCH_PARTS (a comma-separated list; all when unset) names this part. */
    private static boolean part(String name) {
        String parts = Benchmarks.env("BENCH_PARTS", "reads,page,sse,freshness,baseline,writes,scale");
        return Arrays.stream(parts.split(",")).map(String::trim).anyMatch(name::equals);
    }

    private LatencyRun.Result reads(Fixture fixture) throws Exception {
        int target = 1_000;
        long counted = stack.counted();
        if (counted < target) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> sent = new ArrayList<>();
            for (long i = counted; i < target; i++) {
                sent.add(pool.submit(() -> fixture.submit(fixture.anyMember())));
            }
            for (Future<Integer> f : sent) {
                f.get();
            }
            pool.shutdown();
        }
        stack.awaitCounted(target, Duration.ofMinutes(2));
        long small = stack.counted();
        String standings = stack.ranking + "/api/v1/standings";
        // Like the other reads and the writes: ranking-service's standings path is compiled before it is measured
        // (after 10 s of it the compilers were still at work, and the first measured row ran at ~60 % of the rate
        // the same service reached later in the run).
        JitActivity jit = JitActivity.ofStack();
        Benchmarks.say("standings warm-up: at least %d s%s".formatted(warmup.toSeconds(), jit.available()
                ? ", until the JIT compilers settle (at most %d s)".formatted(READS_WARMUP_MAX.toSeconds()) : ""));
        JitActivity.Warmup warmedUp = jit.warmUp(length -> new LatencyRun(Map.of()).run("GET standings (warm-up)",
                List.of(standings), clients, Duration.ZERO, length), warmup, READS_WARMUP_MAX, READS_WARMUP_STEP);
        List<LatencyRun.Result> results = new ArrayList<>();
        results.add(new LatencyRun(Map.of()).run("plain Quarkus hello-world JSON (baseline)",
                List.of(stack.hello + "/hello"), clients, warmup, measure));
        results.add(new LatencyRun(Map.of()).run("GET standings, %,d initiatives".formatted(small),
                List.of(standings), clients, warmup, measure));
        String etag = stack.http.send(HttpRequest.newBuilder(URI.create(standings)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        results.add(new LatencyRun(Map.of("If-None-Match", etag)).run("GET standings → 304, %,d initiatives"
                .formatted(small), List.of(standings), clients, warmup, measure));
        results.forEach(r -> latencies.put(r.name(), r.histogram()));
        results.forEach(r -> Benchmarks.say("  %s: %.0f req/s, p99 %.2f ms".formatted(r.name(), r.throughput(),
                r.millis(99))));
        double ratio = results.get(1).throughput() / results.get(0).throughput();
        helloPerSecond = results.get(0).throughput();
        md.append(("%d closed-loop clients (saturation), %d s each after %d s warm-up, once GET standings had run "
                + "until the JIT compilers of the stack's JVMs used less than %.0f %% of a core over %d s (%d s%s).%n%n")
                .formatted(clients, measure.toSeconds(), warmup.toSeconds(), JitActivity.SETTLED_SHARE * 100,
                        READS_WARMUP_STEP.toSeconds(), warmedUp.length().toSeconds(),
                        warmedUp.lastStep(READS_WARMUP_STEP)));
        md.append(LatencyRun.TABLE_HEADER).append('\n');
        results.forEach(r -> md.append(r.markdownRow()).append('\n'));
        md.append("%nGET standings reach %.0f %% of hello-world's requests/s.%n".formatted(ratio * 100));
        summary.add(new String[] { "GET standings vs hello-world", "%.0f %% (%,.0f vs %,.0f req/s)".formatted(
                ratio * 100, results.get(1).throughput(), results.get(0).throughput()), "≥ 70 %", Report.met(ratio >= 0.7) });
        summary.add(new String[] { "GET standings p99 (200 / 304)", "%.2f / %.2f ms".formatted(
                results.get(1).millis(99), results.get(2).millis(99)), "< 10 ms",
            Report.met(results.get(1).millis(99) < 10 && results.get(2).millis(99) < 10) });
        return results.get(1);
    }

    private Void page() throws Exception {
        PageBenchmark.Result r = new PageBenchmark(stack).run(clients, warmup, measure);
        latencies.put(r.html().name(), r.html().histogram());
        md.append(PageBenchmark.markdown(r));
        summary.addAll(PageBenchmark.summary(r));
        Benchmarks.say("  first load %,d bytes; GET / at %.0f %% of hello-world".formatted(r.total(), r.ratio() * 100));
        return null;
    }

    private Void sse(Fixture fixture, Memory memory) throws Exception {
        memory.phase("SSE clients");
        clock.mark("SSE");
        SseBenchmark.Result r = new SseBenchmark(stack, fixture).run(sseClients,
                Integer.parseInt(Benchmarks.env("BENCH_SSE_CHANGES", "5")));
        memory.phase("freshness, baseline");
        latencies.put("SSE delivery, " + r.clients() + " clients", r.delivery());
        latencies.put(r.readsMeanwhile().name(), r.readsMeanwhile().histogram());
        boolean all = r.connected() == r.clients() && r.receivedPerChange().stream().allMatch(n -> n == r.clients());
        md.append(("%d clients on `/api/v1/standings/stream`, each on its own HTTP/1.1 connection, the heartbeat on "
                + "(`RANKING_STREAMS_HEARTBEAT`, %s): %d connected and "
                + "got the standings within %.1f s. Then %d submissions, 1.5 s apart, each changing the standings; "
                + "clients that got the change (within 10 s): %s; connections the server ended meanwhile: %d.%n%n")
                        .formatted(r.clients(), Benchmarks.env("RANKING_STREAMS_HEARTBEAT", "15S"), r.connected(),
                                r.connectSeconds(), r.receivedPerChange().size(),
                                r.receivedPerChange(), r.lost()));
        md.append(("Delivery, from the submission's 201 to the event at each client (%,d deliveries): p50 %.0f ms, "
                + "p99 %.0f ms, max %.0f ms. The stream sends at most one event a second, so up to 1 s of this is "
                + "by design.%n%n").formatted(r.delivery().getTotalCount(), r.delivery().getValueAtPercentile(50) / 1e6,
                        r.delivery().getValueAtPercentile(99) / 1e6, r.delivery().getMaxValue() / 1e6));
        md.append("Meanwhile, reads of the standings:\n\n").append(LatencyRun.TABLE_HEADER).append('\n')
                .append(r.readsMeanwhile().markdownRow()).append('\n');
        double p99 = r.delivery().getValueAtPercentile(99) / 1e6;
        summary.add(new String[] { "SSE: " + r.clients() + " clients, every change delivered to all",
            "%s; delivery p50 %.0f ms, p99 %.0f ms".formatted(all ? "all" : "not all: " + r.receivedPerChange(),
                    r.delivery().getValueAtPercentile(50) / 1e6, p99), "all, p99 ≤ 2 s", Report.met(all && p99 <= 2000) });
        Long rss = memory.peaksKb().getOrDefault("SSE clients", Map.of()).get("ranking-service");
        if (rss != null) {
            md.append("%nranking-service's largest resident memory while the clients were connected: %.0f MB.%n"
                    .formatted(rss / 1024.0));
            summary.add(new String[] { "ranking-service RSS with " + r.clients() + " SSE clients",
                "%.0f MB".formatted(rss / 1024.0), "< 300 MB", Report.met(rss < 300 * 1024) });
        }
        return null;
    }

    private Void freshness(Fixture fixture) throws Exception {
        Histogram h = new Histogram(3);
        for (int i = 0; i < freshnessSamples; i++) {
            // Member m submits through a unit of province m mod 63 (see Fixture).
            int m = i % fixture.members.size();
            Fixture.Member member = fixture.members.get(m);
            String province = fixture.provinces.get(m % fixture.provinces.size());
            String row = stack.ranking + "/api/v1/standings/" + province;
            long before = stack.getJson(row, null).path("submissions").asLong();
            int status = fixture.submit(member);
            long t0 = System.nanoTime();
            if (status != 201) {
                throw new IllegalStateException("A submission answered " + status);
            }
            while (stack.getJson(row, null).path("submissions").asLong() <= before) {
                if (System.nanoTime() - t0 > 30_000_000_000L) {
                    throw new IllegalStateException("A submission did not reach the standings within 30 s");
                }
                Thread.sleep(5);
            }
            h.recordValue(System.nanoTime() - t0);
        }
        latencies.put("freshness: 201 → counted", h);
        md.append(("From a submission's 201 to its count in the province's row of the standings, %d submissions one "
                + "at a time: p50 %.0f ms, p99 %.0f ms, max %.0f ms.%n").formatted(h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6));
        summary.add(new String[] { "Freshness p50 / p99", "%.0f / %.0f ms".formatted(h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6), "p99 < 1 s", Report.met(h.getValueAtPercentile(99) < 1e9) });
        Benchmarks.say("  p99 %.0f ms".formatted(h.getValueAtPercentile(99) / 1e6));
        return null;
    }

    private PgBaseline.Result baseline() throws Exception {
        PgBaseline.Result r = new PgBaseline(stack.pgHost, stack.pgPort).run(pgbench, pgClients, measure);
        latencies.put("baseline: " + r.tool(), r.latency());
        md.append(("Transactions of one row in a table shaped like `initiative` (same columns and indexes) plus one "
                + "outbox row, in a database of their own on the same PostgreSQL server, by **%s** with %d "
                + "connections for %.0f s (closed loop, as fast as it goes):%n%n").formatted(r.tool(), r.clients(),
                        r.seconds()));
        md.append("| tool | transactions | tps | p50 ms | p99 ms | p99.9 ms |\n|---|---|---|---|---|---|\n");
        md.append("| %s | %,d | %,.0f | %.2f | %.2f | %.2f |%n".formatted(r.tool(), r.transactions(), r.tps(),
                r.millis(50), r.millis(99), r.millis(99.9)));
        Benchmarks.say("  %s: %,.0f tps".formatted(r.tool(), r.tps()));
        return r;
    }

    private List<WriteBenchmark.Step> writes(Fixture fixture, PgBaseline.Result baseline) throws Exception {
        Timeline timeline = new Timeline();
        WriteBenchmark benchmark = new WriteBenchmark(stack, fixture, timeline);
        double pgbenchTps = baseline == null ? Double.NaN : baseline.tps();
        List<WriteBenchmark.Step> steps = benchmark.run(WriteRatios.withP99Rate(rates, pgbenchTps), warmup, measure,
                writeSenders);
        JitActivity.Warmup warmedUp = benchmark.warmedUp();
        md.append(("`POST /api/v1/initiatives` with `\"submit\": true`, by %,d members through %d grassroots unions in "
                + "63 provinces (a token each), at fixed arrival rates (open model: each latency counts from the "
                + "moment its request was due; at most %d requests in flight), %d s each after %d s warm-up, up to "
                + "the first rate the service cannot keep up with; before the first rate, %s s at %d/s that are not "
                + "measured, while the JVMs compile the write path: at least `BENCH_WRITE_WARMUP_SECONDS` (%s s), then "
                + "until the JIT compilers of the stack's JVMs use less than %.0f %% of a core over %d s (at most "
                + "`BENCH_WRITE_WARMUP_MAX_SECONDS`)%s. The stack runs with "
                + "`RATE_LIMIT_WRITES_PER_SECOND=%s` and `RATE_LIMIT_BURST=%s`, so that the per-client write limit is "
                + "not what is measured (with %,d members, each sends only a few a second anyway).%n%n").formatted(
                        fixture.members.size(), fixture.unitsByProvince.values().stream().mapToInt(List::size).sum(),
                        writeSenders, measure.toSeconds(), warmup.toSeconds(),
                        warmedUp.length().toSeconds(), WriteBenchmark.JIT_WARMUP_RATE,
                        Benchmarks.env("BENCH_WRITE_WARMUP_SECONDS", "60"),
                        JitActivity.SETTLED_SHARE * 100, WriteBenchmark.WARMUP_STEP.toSeconds(),
                        warmedUp.lastStep(WriteBenchmark.WARMUP_STEP),
                        Benchmarks.env("RATE_LIMIT_WRITES_PER_SECOND", "50"),
                        Benchmarks.env("RATE_LIMIT_BURST", "200"), fixture.members.size()));
        md.append("| offered /s | achieved /s | p50 ms | p99 ms | p99.9 ms | max ms | errors | outbox → broker p99 ms "
                + "| 201 → read from topic p50 / p99 ms | events read back | host steal % |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        int best = 0;
        double bestThroughput = 0;
        for (WriteBenchmark.Step s : steps) {
            LatencyRun.Result r = s.result();
            latencies.put("POST initiatives @ " + s.rate() + "/s", r.histogram());
            md.append("| %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d / %d | %,d of %,d | %.1f |%n".formatted(
                    s.rate(), r.throughput(), r.millis(50), r.millis(99), r.millis(99.9),
                    r.histogram().getMaxValue() / 1e6, r.errors(), s.outboxToBroker().getValueAtPercentile(99),
                    s.createdToTopic().getValueAtPercentile(50), s.createdToTopic().getValueAtPercentile(99),
                    s.published(), s.created(), r.stealPercent()));
            if (!s.saturated() && r.millis(99) < 50) {
                best = Math.max(best, s.rate());
            }
            bestThroughput = Math.max(bestThroughput, (r.requests() - r.errors()) / r.seconds());
        }
        md.append("""

                *outbox → broker*: the broker's timestamp of the event minus its `occurredAt` (set in the writing \
                transaction). *201 → read from topic*: from the client receiving the 201 to a consumer of \
                `initiative-events.v1` reading the event.

                ![POST latency by arrival rate](charts/write-latency.png)

                ![POST throughput over time](charts/write-throughput.png)

                The slowest answer of each second: a p99 made of a few episodes in which every request waits shows \
                as peaks, one made of requests slow throughout as a raised line.

                ![Slowest POST answer each second](charts/write-slowest.png)
                """);
        md.append(ProcessCpu.perPost(steps));
        summary.add(new String[] { "POST initiatives: highest arrival rate with p99 < 50 ms",
            best == 0 ? "none of " + rates : "%,d/s".formatted(best), "≥ 1,500/s", Report.met(best >= 1500) });
        int p99Rate = baseline == null ? 0 : WriteRatios.p99Rate(pgbenchTps);
        double p99 = steps.stream().filter(s -> s.rate() == p99Rate).mapToDouble(s -> s.result().millis(99))
                .findFirst().orElse(Double.NaN);
        WriteRatios.Figures ratios = new WriteRatios.Figures(bestThroughput,
                steps.stream().anyMatch(WriteBenchmark.Step::saturated), pgbenchTps, helloPerSecond, p99Rate, p99);
        if (baseline != null) {
            md.append(("%nThe most POSTs answered per second at any rate, %,.0f/s, is %.0f %% of the baseline's %,.0f "
                    + "transactions/s (%s)%s.%n").formatted(bestThroughput, ratios.vsPgbench() * 100, baseline.tps(),
                            baseline.tool(), helloPerSecond > 0 ? " and %.1f %% of hello-world's GETs/s".formatted(
                                    ratios.vsHello() * 100) : ""));
        }
        summary.addAll(WriteRatios.summary(ratios));
        md.append(WriteRatios.keepAndCompare(folder, ratios, measure, Instant.now()));
        report.draw(() -> Charts.line(folder.resolve("charts/write-latency.png"),
                "POST /api/v1/initiatives: latency by arrival rate (open model)", "arrival rate (requests/s)", "latency (ms, log scale)", List.of(
                        WriteBenchmark.percentileSeries("p50", steps, 50), WriteBenchmark.percentileSeries("p99", steps, 99),
                        WriteBenchmark.percentileSeries("p99.9", steps, 99.9), new Charts.Series("target p99: 50 ms",
                                steps.stream().mapToDouble(WriteBenchmark.Step::rate).toArray(),
                                steps.stream().mapToDouble(s -> 50).toArray())), List.of(), true));
        double[] ok = timeline.succeeded();
        double[] seconds = new double[ok.length];
        Arrays.setAll(seconds, i -> i);
        List<Charts.Marker> rateMarks = timeline.marks();
        report.draw(() -> Charts.line(folder.resolve("charts/write-throughput.png"),
                "POST /api/v1/initiatives: answers per second",
                "seconds since the write part began (warm-ups included)", "answers/s", List.of(
                        new Charts.Series("offered", seconds, WriteBenchmark.offered(timeline, ok.length)),
                        new Charts.Series("2xx", seconds, ok), new Charts.Series("errors", seconds, timeline.failed())),
                rateMarks, false));
        double[] target = new double[seconds.length];
        Arrays.fill(target, 50);
        report.draw(() -> Charts.line(folder.resolve("charts/write-slowest.png"),
                "POST /api/v1/initiatives: slowest answer each second",
                "seconds since the write part began (warm-ups included)", "latency (ms, log scale)", List.of(
                        new Charts.Series("slowest", seconds, timeline.slowestMillis()),
                        new Charts.Series("target p99: 50 ms", seconds, target)),
                rateMarks, true));
        return steps;
    }

    private String header() {
        return """
                Machine: %s. The load generator runs on the same machine as the system (PostgreSQL, Kafka, three \
                services). Settings: warm-up %d s, measured %d s, arrival rates %s, scale %,d, %d SSE clients.

                """.formatted(Benchmarks.machine(), warmup.toSeconds(), measure.toSeconds(), rates, scale, sseClients);
    }
}
