package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time each part of the machine has used, from {@code /proc}: the three services, each database's PostgreSQL
 * backends (their process titles name the database), the PostgreSQL server's own processes, the launcher's JVM (which
 * runs the broker) and this load generator. The stack's processes are the launcher ({@code STACK_PID}) and its
 * descendants. Two readings around a run give each part's share of it; a process that ended in between is not
 * counted. Empty where {@code /proc} or {@code STACK_PID} is missing.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on here. */
    static final double TICKS_PER_SECOND = 100;

    private static final Pattern BACKEND = Pattern.compile("^postgres: \\S+ (\\S+) \\S+\\(\\d+\\)");

    private ProcessCpu() {
    }

    /** Each part's CPU time so far, in clock ticks. */
    static Map<String, Long> ticks() {
        Map<String, Long> parts = new TreeMap<>();
        Optional<ProcessHandle> stack = Stack.launcher();
        if (stack.isEmpty() || !Files.isDirectory(Path.of("/proc/self"))) {
            return parts;
        }
        long self = ProcessHandle.current().pid();
        Stream.concat(Stream.of(stack.get(), ProcessHandle.current()), stack.get().descendants()).forEach(p -> {
            try {
                long used = ticks(Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat")));
                parts.merge(part(Stack.commandLine(p.pid()).trim(), p.pid() == self), used, Long::sum);
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        });
        return parts;
    }

    /** User and system time from a {@code /proc/<pid>/stat} line (fields 14 and 15, counted after the name). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Which part of the machine a process is, by its command line (a PostgreSQL process: by its title). */
    static String part(String cmdline, boolean generator) {
        if (generator) {
            return "load generator";
        }
        for (String service : new String[] { "org-unit-service", "submission-service", "ranking-service" }) {
            if (cmdline.contains(service + "/")) {
                return service;
            }
        }
        Matcher backend = BACKEND.matcher(cmdline);
        if (backend.find()) {
            return "PostgreSQL: " + backend.group(1);
        }
        if (cmdline.startsWith("postgres") || cmdline.contains("bin/postgres")) {
            return "PostgreSQL: the server's own processes";
        }
        if (cmdline.contains("local-stack")) {
            return "the launcher's JVM (the broker)";
        }
        return "other";
    }

    /** Cores each part used between two readings {@code seconds} apart. */
    static Map<String, Double> cores(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> cores = new TreeMap<>();
        after.forEach((part, ticks) -> cores.put(part,
                (ticks - before.getOrDefault(part, 0L)) / TICKS_PER_SECOND / seconds));
        return cores;
    }

    /**
     * Each part of the machine's CPU per POST at each rate: its cores over the rate's warm-up and measured seconds,
     * divided by the POSTs answered per second. Empty without {@code /proc} or the stack's process.
     */
    static String perPost(List<WriteBenchmark.Step> steps) {
        Set<String> parts = new TreeSet<>();
        steps.forEach(s -> parts.addAll(s.cores().keySet()));
        if (parts.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("""

                CPU of each part of the machine per POST answered, ms (its cores over the rate's warm-up and measured \
                seconds ÷ the POSTs answered per second), from `/proc`:

                | part |""");
        steps.forEach(s -> table.append(" %,d/s |".formatted(s.rate())));
        table.append("\n|---|").append("---|".repeat(steps.size())).append('\n');
        for (String part : parts) {
            table.append("| ").append(part).append(" |");
            steps.forEach(s -> table.append(" %.3f |".formatted(
                    s.cores().getOrDefault(part, 0.0) * 1000 / s.result().throughput())));
            table.append('\n');
        }
        table.append("| **all** |");
        steps.forEach(s -> table.append(" **%.3f** |".formatted(
                s.cores().values().stream().mapToDouble(Double::doubleValue).sum() * 1000 / s.result().throughput())));
        return table.append('\n').toString();
    }
}
