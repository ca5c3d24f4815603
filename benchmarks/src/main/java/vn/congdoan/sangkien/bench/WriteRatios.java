package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The write path's targets as ratios to baselines measured in the same run, so that a slow day and a fast day can be
 * compared: POSTs answered at saturation against pgbench's insert+outbox transactions and against hello-world's GETs,
 * and the POST p99 at an arrival rate of a fixed share of pgbench's rate. Each run's ratios are kept in
 * {@code ratios.tsv} beside the report; a run shorter than the full length compares its ratios with those of the
 * newest full run kept there and says whether they agree within {@link #AGREEMENT}.
 */
final class WriteRatios {

    static final double SATURATION_VS_PGBENCH = 0.75;
    static final double SATURATION_VS_HELLO = 0.15;
    /** The arrival rate whose p99 is held to {@link #P99_MILLIS}, as a share of pgbench's transactions per second. */
    static final double P99_RATE_SHARE = 0.40;
    static final double P99_MILLIS = 50;
    /** How close a short run's ratios must come to a full run's to stand for it. */
    static final double AGREEMENT = 0.10;
    /** Measured seconds of a full run's load steps (the default of {@code BENCH_SECONDS}). */
    static final long FULL_SECONDS = 20;

    /**
     * @param saturation   POSTs answered per second at the best rate
     * @param saturated    whether some rate saturated the service (otherwise saturation is only a lower bound)
     * @param pgbench      the write baseline's transactions per second, or NaN when not measured
     * @param hello        hello-world's GETs per second, or NaN when not measured
     * @param p99Rate      the arrival rate at {@link #P99_RATE_SHARE} of pgbench, or 0 when not measured
     * @param p99          the POST p99 at that rate in ms, or NaN when not measured
     */
    record Figures(double saturation, boolean saturated, double pgbench, double hello, int p99Rate, double p99) {

        double vsPgbench() {
            return saturation / pgbench;
        }

        double vsHello() {
            return saturation / hello;
        }
    }

    private WriteRatios() {
    }

    /** The measured rates with the rate {@link #P99_RATE_SHARE} of pgbench's added in its place, rounded to 10/s. */
    static List<Integer> withP99Rate(List<Integer> rates, double pgbenchTps) {
        if (!(pgbenchTps > 0)) {
            return rates;
        }
        TreeSet<Integer> all = new TreeSet<>(rates);
        all.add(p99Rate(pgbenchTps));
        return List.copyOf(all);
    }

    static int p99Rate(double pgbenchTps) {
        return (int) Math.max(10, Math.round(pgbenchTps * P99_RATE_SHARE / 10) * 10);
    }

    /** The summary rows of the three ratios. */
    static List<String[]> summary(Figures f) {
        List<String[]> rows = new ArrayList<>();
        String atLeast = f.saturated() ? "" : "at least ";
        if (f.pgbench() > 0) {
            rows.add(new String[] { "POST saturation vs pgbench insert+outbox (same run)",
                "%s%.0f %% (%,.0f vs %,.0f/s)".formatted(atLeast, f.vsPgbench() * 100, f.saturation(), f.pgbench()),
                "≥ %.0f %%".formatted(SATURATION_VS_PGBENCH * 100), Report.met(f.vsPgbench() >= SATURATION_VS_PGBENCH) });
            rows.add(new String[] { "POST p99 at %.0f %% of pgbench's rate (%,d/s)".formatted(P99_RATE_SHARE * 100,
                    f.p99Rate()), Double.isNaN(f.p99()) ? "not reached" : "%.1f ms".formatted(f.p99()),
                "< %.0f ms".formatted(P99_MILLIS), Report.met(f.p99() < P99_MILLIS) });
        }
        if (f.hello() > 0) {
            rows.add(new String[] { "POST saturation vs hello-world GETs (same run)",
                "%s%.1f %% (%,.0f vs %,.0f/s)".formatted(atLeast, f.vsHello() * 100, f.saturation(), f.hello()),
                "≥ %.0f %%".formatted(SATURATION_VS_HELLO * 100), Report.met(f.vsHello() >= SATURATION_VS_HELLO) });
        }
        return rows;
    }

    /**
     * Keeps this run's ratios in {@code ratios.tsv} and, for a run shorter than a full one, says how they compare with
     * the newest full run's kept there (Markdown), or that there is none to compare with.
     */
    static String keepAndCompare(Path folder, Figures f, Duration measured, Instant now) throws IOException {
        Path file = folder.resolve("ratios.tsv");
        Optional<String[]> full = Optional.empty();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t");
                if (cells.length == 5 && !cells[0].startsWith("#") && Long.parseLong(cells[1]) >= FULL_SECONDS
                        && measured(Double.parseDouble(cells[2])) && measured(Double.parseDouble(cells[3]))) {
                    full = Optional.of(cells);
                }
            }
        } else {
            Files.writeString(file, "# time\tmeasured seconds\tsaturation/pgbench\tsaturation/hello\tp99 ms at "
                    + "%.0f %% of pgbench%n".formatted(P99_RATE_SHARE * 100), StandardCharsets.UTF_8);
        }
        Files.writeString(file, "%s\t%d\t%s\t%s\t%s%n".formatted(now, measured.toSeconds(), f.vsPgbench(),
                f.vsHello(), f.p99()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        if (measured.toSeconds() >= FULL_SECONDS) {
            return "";
        }
        if (full.isEmpty()) {
            return ("%nThis run measured %d s a rate, shorter than a full run's %d s, and no full run's ratios are kept "
                    + "in `%s` to compare with: it cannot say whether its ratios are within %.0f %% of a full run's.%n")
                    .formatted(measured.toSeconds(), FULL_SECONDS, file, AGREEMENT * 100);
        }
        if (!measured(f.vsPgbench()) || !measured(f.vsHello())) {
            return ("%nThis run measured %d s a rate without the baselines (pgbench and hello-world, `BENCH_PARTS` "
                    + "baseline): it cannot say whether its ratios are within %.0f %% of a full run's.%n")
                    .formatted(measured.toSeconds(), AGREEMENT * 100);
        }
        String[] kept = full.get();
        double pg = Double.parseDouble(kept[2]);
        double hello = Double.parseDouble(kept[3]);
        boolean pgAgrees = agrees(f.vsPgbench(), pg);
        boolean helloAgrees = agrees(f.vsHello(), hello);
        return ("%nThis run measured %d s a rate; the full run of %s (%s s) had saturation/pgbench %.0f %% and "
                + "saturation/hello-world %.1f %%, this one %.0f %% and %.1f %%: %s.%n").formatted(measured.toSeconds(),
                        kept[0], kept[1], pg * 100, hello * 100, f.vsPgbench() * 100, f.vsHello() * 100,
                        pgAgrees && helloAgrees ? "both within %.0f %%".formatted(AGREEMENT * 100)
                                : "**not within %.0f %%**: this short run does not stand for a full one".formatted(
                                        AGREEMENT * 100));
    }

    private static boolean measured(double ratio) {
        return ratio > 0 && !Double.isInfinite(ratio);
    }

    /** Whether {@code a} is within {@link #AGREEMENT} of {@code b}, relative to {@code b}; false when unknown. */
    static boolean agrees(double a, double b) {
        return b > 0 && Math.abs(a - b) <= AGREEMENT * b;
    }
}
