package vn.congdoan.sangkien.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The full benchmark's report as it is written: its sections, the summary's rows, every latency row for the
 * percentile chart, and the charts drawn into its folder.
 */
final class Report {

    final Map<String, Histogram> latencies = new LinkedHashMap<>();
    final StringBuilder md = new StringBuilder();
    final List<String[]> summary = new ArrayList<>();
    private final Path folder;

    Report(Path folder) {
        this.folder = folder;
    }

    interface Drawing {
        void draw() throws Exception;
    }

    /** Draws a chart; a machine that cannot (no fonts, say) loses the chart, not the figures. */
    void draw(Drawing drawing) {
        try {
            drawing.draw();
        } catch (Exception | Error e) {
            Benchmarks.say("  chart not drawn: " + e);
            md.append("\n(A chart could not be drawn: `").append(e.toString().replace('`', '\'')).append("`.)\n");
        }
    }

    interface Step<T> {
        T run() throws Exception;
    }

    /** Runs one part; a failure is reported in its section and the run goes on. */
    <T> T section(String title, Step<T> step) {
        Benchmarks.say(title);
        md.append("\n## ").append(title).append("\n\n");
        try {
            return step.run();
        } catch (Exception e) {
            Benchmarks.say("  failed: " + e);
            md.append("**Failed:** `").append(e.toString().replace('`', '\'')).append("`\n");
            summary.add(new String[] { title, "failed: " + e.getMessage(), "", "**no**" });
            return null;
        }
    }

    void memory(Memory memory, Timeline clock) throws Exception {
        md.append("\n## Memory\n\nResident memory (VmRSS) of each service process, largest value sampled once a second "
                + "in each phase, MB:\n\n| phase |");
        Map<String, Map<String, Long>> peaks = memory.peaksKb();
        Memory.SERVICES.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|---|---|---|\n");
        peaks.forEach((phase, byService) -> {
            md.append("| ").append(phase).append(" |");
            Memory.SERVICES.forEach(s -> md.append(byService.containsKey(s) ? " %.0f |".formatted(byService.get(s)
                    / 1024.0) : " |"));
            md.append('\n');
        });
        md.append("\nThe services run with `SERVICE_JAVA_OPTS=%s`.\n\n![Resident memory over time](charts/memory.png)\n"
                .formatted(Benchmarks.env("SERVICE_JAVA_OPTS", "(unset: the defaults of ./run-local.sh, see the README)")));
        long worst = 0;
        String worstName = "";
        for (Map.Entry<String, Map<String, Long>> phase : peaks.entrySet()) {
            for (Map.Entry<String, Long> e : phase.getValue().entrySet()) {
                if (e.getValue() > worst) {
                    worst = e.getValue();
                    worstName = e.getKey() + " (" + phase.getKey() + ")";
                }
            }
        }
        if (peaks.isEmpty()) {
            summary.add(new String[] { "Resident memory", "services not found (STACK_PID unset?)", "< 300 MB",
                "not measured" });
        } else {
            Map<String, Long> idle = peaks.getOrDefault("idle", Map.of());
            summary.add(new String[] { "Resident memory, largest", "%.0f MB, %s; idle %s".formatted(worst / 1024.0,
                    worstName, idle.values().stream().map(kb -> "%.0f".formatted(kb / 1024.0)).toList() + " MB"),
                "< 300 MB each", met(worst < 300 * 1024) });
        }
        draw(() -> Charts.line(folder.resolve("charts/memory.png"), "Resident memory of each service (VmRSS)",
                "seconds since the run began", "MB", memory.series(),
                clock.marks(), false));
    }

    void percentileChart() throws Exception {
        List<String> names = new ArrayList<>(latencies.keySet());
        double[][] values = new double[3][names.size()];
        double[] percentiles = { 50, 99, 99.9 };
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < names.size(); i++) {
                Histogram h = latencies.get(names.get(i));
                values[p][i] = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentiles[p]) / 1e6;
            }
        }
        draw(() -> Charts.bars(folder.resolve("charts/latency-percentiles.png"), "Latency percentiles per scenario",
                "milliseconds (log scale)", names, List.of("p50", "p99", "p99.9"), values, true));
        md.append("\n## Latency percentiles, all scenarios\n\n![Latency percentiles](charts/latency-percentiles.png)\n");
    }

    String summaryTable() {
        StringBuilder s = new StringBuilder("## Summary\n\n| measure | result | target | met |\n|---|---|---|---|\n");
        summary.forEach(row -> s.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return s.toString();
    }

    static String met(boolean met) {
        return met ? "yes" : "**no**";
    }}
