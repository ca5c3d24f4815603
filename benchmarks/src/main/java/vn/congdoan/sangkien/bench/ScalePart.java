package vn.congdoan.sangkien.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The full benchmark's scale part: the million through the bulk import, standings reads at that size against the
 * small one, and a full rebuild, into the report.
 */
final class ScalePart {

    /** Reads of the past at each size: distinct days (of 730) and distinct series. */
    private static final int PAST_READS = 200;

    private final Stack stack;
    private final Report report;
    private final Timeline clock;
    private final int scale;
    private final Path folder;

    ScalePart(Stack stack, Report report, Timeline clock, int scale, Path folder) {
        this.stack = stack;
        this.report = report;
        this.clock = clock;
        this.scale = scale;
        this.folder = folder;
    }

    Void run(Fixture fixture, Memory memory, LatencyRun.Result standingsSmall, int clients, Duration warmup,
            Duration measure) throws Exception {
        Timeline timeline = new Timeline();
        Timeline counting = new Timeline();
        LevelsPart levels = new LevelsPart(stack);
        levels.addUnits(fixture);
        ScaleBenchmark bench = new ScaleBenchmark(stack, fixture, timeline, counting);
        int concurrency = Integer.parseInt(Benchmarks.env("BENCH_IMPORT_CONCURRENCY", "2"));
        // the first 1 % first, to read the past at that size, then the rest: the same rows, spread over two years
        int first = Math.max(1, scale / 100);
        Benchmarks.say("  loading %,d initiatives submitted over two years, the first %,d apart".formatted(scale,
                first));
        ScaleBenchmark.Result early = bench.load(first, concurrency);
        PastReads past = new PastReads(stack);
        memory.phase("reads of the past, small");
        PastReads.Result asOfSmall = past.standingsAsOf("GET standings asOf a past day, %,d initiatives"
                .formatted(stack.counted()), PAST_READS);
        PastReads.Result seriesSmall = past.provinceSeries("GET a province's two-year daily series, %,d initiatives"
                .formatted(stack.counted()), fixture.provinces, PAST_READS);
        ScaleBenchmark.Result rest = bench.load(scale - first, concurrency);
        ScaleBenchmark.Result loaded = new ScaleBenchmark.Result(early.importAvailable() && rest.importAvailable(),
                rest.note() != null ? rest.note() : early.note(), early.loaded() + rest.loaded(),
                early.rejected() + rest.rejected(), early.existing() + rest.existing(),
                early.loadSeconds() + rest.loadSeconds(), early.loadSeconds() + rest.countedSeconds(),
                rest.databaseBytes(), null, 0);
        long total = stack.counted();
        memory.phase("reads at scale");
        LatencyRun.Result standingsLarge = new LatencyRun(Map.of()).run("GET standings, %,d initiatives"
                .formatted(total), List.of(stack.ranking + "/api/v1/standings"), clients, warmup, measure);
        report.latencies.put(standingsLarge.name(), standingsLarge.histogram());
        memory.phase("reads below the province, at scale");
        LevelsPart.Result levelReads = levels.measure(fixture, clients, warmup, measure);
        memory.phase("reads of the past, at scale");
        PastReads.Result asOfLarge = past.standingsAsOf("GET standings asOf a past day, %,d initiatives"
                .formatted(total), PAST_READS);
        PastReads.Result seriesLarge = past.provinceSeries("GET a province's two-year daily series, %,d initiatives"
                .formatted(total), fixture.provinces, PAST_READS);
        memory.phase("rebuild");
        clock.mark("rebuild");
        Benchmarks.say("  rebuilding the standings from %s".formatted("initiative-events.v1"));
        ScaleBenchmark.Result r = bench.rebuild(loaded);
        Benchmarks.say("  rebuild took %.1f s".formatted(r.rebuildSeconds()));

        if (r.importAvailable()) {
            report.md.append(("%,d initiatives through `POST /api/v1/initiatives/import?province=…` (63 provinces, batches "
                    + "of at most %,d, %s at a time): **%.1f s** (%,.0f rows/s), %,d rows rejected. ranking-service "
                    + "had counted them all %.1f s after the import began.%n%n").formatted(r.loaded(),
                            ScaleBenchmark.BATCH, Benchmarks.env("BENCH_IMPORT_CONCURRENCY", "2"), r.loadSeconds(),
                            r.loaded() / r.loadSeconds(), r.rejected(), r.countedSeconds()));
            if (r.existing() > 0) {
                report.md.append("%,d rows matched initiatives already there (updated or unchanged), so were not created.%n%n"
                        .formatted(r.existing()));
            }
            if (r.note() != null) {
                report.md.append("Of the rejected rows, the %s.%n%n".formatted(r.note()));
            }
            report.summary.add(new String[] { "Bulk import of %,d initiatives".formatted(r.loaded()),
                "%.0f s".formatted(r.loadSeconds()), "< 10 min for 1,000,000",
                Report.met(r.loaded() >= 1_000_000 ? r.loadSeconds() < 600 : r.loadSeconds() < 600.0 * r.loaded() / 1e6) });
        } else {
            report.md.append(("**Bulk import: not available** (%s). Instead %,d submitted-initiative events went straight to "
                    + "`initiative-events.v1` across the 63 provinces, as submission-service would send them, in "
                    + "%.1f s; ranking-service had counted them all %.1f s after the first was sent. The database "
                    + "size below therefore lacks the initiatives' rows in `submission`.%n%n").formatted(r.note(),
                            r.loaded(), r.loadSeconds(), r.countedSeconds()));
            report.summary.add(new String[] { "Bulk import of 1,000,000 initiatives", "not available in this build", "< 10 min",
                "not measured" });
        }
        report.md.append("| database | size |\n|---|---|\n");
        r.databaseBytes().forEach((db, bytes) -> report.md.append("| %s | %,.0f MB |%n".formatted(db, bytes / 1e6)));
        report.md.append("\nStandings reads at both sizes, %d closed-loop clients:\n\n".formatted(clients))
                .append(LatencyRun.TABLE_HEADER).append('\n');
        if (standingsSmall != null) {
            report.md.append(standingsSmall.markdownRow()).append('\n');
        }
        report.md.append(standingsLarge.markdownRow()).append('\n');
        if (standingsSmall != null) {
            report.summary.add(new String[] { "GET standings p99, ~1 thousand vs %,d initiatives".formatted(total),
                "%.2f vs %.2f ms".formatted(standingsSmall.millis(99), standingsLarge.millis(99)), "flat",
                Report.met(standingsLarge.millis(99) < Math.max(10, standingsSmall.millis(99) * 2)) });
        }
        report.md.append(("%nThe past, from the counted days: each read below asks for something not asked before (the "
                + "standings at the end of a distinct day of the two years; a province's daily series ending on a "
                + "distinct day), one at a time, so each is computed; at %,d initiatives and at %,d:%n%n")
                .formatted(early.loaded(), total)).append(PastReads.TABLE_HEADER).append('\n');
        for (PastReads.Result read : List.of(asOfSmall, asOfLarge, seriesSmall, seriesLarge)) {
            report.md.append(read.markdownRow()).append('\n');
        }
        ScaleBenchmark.ImportCost cost = bench.importCost();
        double importRatio = cost.datedMillisPerThousand() / cost.undatedMillisPerThousand();
        report.md.append(("%nThe import's batches by kind, interleaved (one in %d without dates): %,d rows dated, %.0f ms "
                + "per 1,000 rows; %,d undated, %.0f ms per 1,000 rows (%.2f×).%n").formatted(
                        ScaleBenchmark.UNDATED_EVERY, cost.datedRows(), cost.datedMillisPerThousand(),
                        cost.undatedRows(), cost.undatedMillisPerThousand(), importRatio));
        report.summary.add(new String[] { "Bulk import, dated rows vs undated, same run",
            "%.0f vs %.0f ms per 1,000 rows (%.2f×)".formatted(cost.datedMillisPerThousand(),
                    cost.undatedMillisPerThousand(), importRatio), "≤ 1.25×", Report.met(importRatio <= 1.25) });
        double asOfRatio = asOfLarge.millis(99) / Math.max(0.001, asOfSmall.millis(99));
        report.summary.add(new String[] { "GET standings asOf a past day p99, %,d initiatives (vs %,d)".formatted(total,
                early.loaded()), "%.2f ms (%.2f×)".formatted(asOfLarge.millis(99), asOfRatio), "< 20 ms, no slower",
            Report.met(asOfLarge.millis(99) < 20 && asOfRatio <= 1.25) });
        report.summary.add(new String[] { "GET a province's two-year daily series p99, %,d initiatives".formatted(total),
                "%.2f ms".formatted(seriesLarge.millis(99)), "< 50 ms", Report.met(seriesLarge.millis(99) < 50) });
        levels.report(report, levelReads);
        JsonNode rebuild = r.rebuild();
        report.md.append(("%nFull rebuild (`POST /api/v1/admin/rebuild`: replay of `initiative-events.v1` from offset 0 into "
                + "the rebuild schema, then comparison with the live counters): **%.1f s** as the caller waited, "
                + "%,d events read, equal to the live standings: %s, live consumer caught up: %s.%n").formatted(
                        r.rebuildSeconds(), rebuild.path("eventsRead").asLong(), rebuild.path("equal").asText(),
                        rebuild.path("liveCaughtUp").asText()));
        report.summary.add(new String[] { "Rebuild from %,d events".formatted(rebuild.path("eventsRead").asLong()),
            "%.0f s, equal: %s".formatted(r.rebuildSeconds(), rebuild.path("equal").asText()), "< 2 min",
            Report.met(r.rebuildSeconds() < 120 && rebuild.path("equal").asBoolean()) });
        double[] ok = timeline.succeeded();
        double[] seconds = new double[ok.length];
        Arrays.setAll(seconds, i -> i);
        List<Charts.Marker> rateMarks = timeline.marks();
        double[] counted = counting.succeeded();
        double[] countedSeconds = new double[counted.length];
        Arrays.setAll(countedSeconds, i -> i);
        report.draw(() -> Charts.line(folder.resolve("charts/import-throughput.png"), r.importAvailable()
                ? "Bulk import: initiatives created per second" : "Events sent to initiative-events.v1 per second",
                "seconds since the load began", "per second", List.of(
                        new Charts.Series(r.importAvailable() ? "created" : "sent", seconds, ok),
                        new Charts.Series("rejected", seconds, timeline.failed()),
                        new Charts.Series("counted by ranking-service", countedSeconds, counted)), List.of(), false));
        report.md.append("\n![Bulk load over time](charts/import-throughput.png)\n");
        return null;
    }

}
