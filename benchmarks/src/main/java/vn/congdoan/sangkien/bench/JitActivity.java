package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How busy the JIT compilers of the stack's JVMs are: the CPU time of their compiler threads ({@code C1
 * CompilerThread…}, {@code C2 CompilerThread…}), read from {@code /proc} (Linux). On two cores a JVM compiles its hot
 * code for minutes under load, and what it has not compiled yet runs several times slower: a measurement taken while
 * the compilers still work is the service's first minutes, not its days.
 */
final class JitActivity {

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    private final List<Long> pids;
    /** Ticks last seen per compiler thread ("pid/tid"). */
    private final Map<String, Long> seen = new HashMap<>();

    private JitActivity(List<Long> pids) {
        this.pids = pids;
    }

    static JitActivity of(List<Long> pids) {
        return new JitActivity(Files.isDirectory(Path.of("/proc/self/task")) ? List.copyOf(pids) : List.of());
    }

    /** The JVMs below the stack's process (STACK_PID), or none where that or /proc is missing. */
    static JitActivity ofStack() {
        List<Long> jvms = Stack.launcher().map(p -> p.descendants()
                        .filter(d -> d.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .map(ProcessHandle::pid).toList())
                .orElse(List.of());
        return of(jvms);
    }

    boolean available() {
        return !pids.isEmpty();
    }

    /** A load run for a given length. */
    interface Load {
        void run(Duration length) throws Exception;
    }

    /** How long a warm-up lasted, and the share of a core the compilers used in its last step (-1: not known). */
    record Warmup(Duration length, double compilerShare) {

        /** For a report: what the compilers did in the last step of {@code step}, or that it was not known. */
        String lastStep(Duration step) {
            return compilerShare < 0 ? "; the compilers' activity was not known here"
                    : "; %.0f %% in the last %d s".formatted(compilerShare * 100, step.toSeconds());
        }
    }

    /** The share of a core below which the compilers count as settled. */
    static final double SETTLED_SHARE = 0.10;

    /**
     * Runs {@code load} for at least {@code min}, then in steps of {@code step} until the compilers used less than
     * {@link #SETTLED_SHARE} of a core in a step, for at most {@code max}; without /proc, for {@code min} exactly.
     */
    Warmup warmUp(Load load, Duration min, Duration max, Duration step) throws Exception {
        Duration done = Duration.ZERO;
        while (true) {
            Duration length = available() ? step : min;
            double before = compilerSeconds();
            load.run(length);
            done = done.plus(length);
            if (!available()) {
                return new Warmup(done, -1);
            }
            double share = (compilerSeconds() - before) / length.toMillis() * 1000;
            Benchmarks.say("  %d s: the JIT compilers used %.0f %% of a core".formatted(done.toSeconds(), share * 100));
            if (done.compareTo(min) >= 0 && share < SETTLED_SHARE || done.compareTo(max) >= 0) {
                return new Warmup(done, share);
            }
        }
    }

    /**
     * Seconds of CPU the compiler threads of these JVMs have used so far. It never goes down: a JVM starts and stops
     * compiler threads as its queue grows and shrinks, and a thread that ended keeps the time last seen for it.
     */
    double compilerSeconds() {
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    long ticks = compilerTicks(task);
                    if (ticks > 0) {
                        seen.merge(pid + "/" + task.getFileName(), ticks, Math::max);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // the process ended: nothing more to count
            }
        }
        return seen.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
    }

    private static long compilerTicks(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).strip();
            if (!comm.startsWith("C1 CompilerThre") && !comm.startsWith("C2 CompilerThre")) {
                return 0;
            }
            return cpuTicks(Files.readString(task.resolve("stat")));
        } catch (IOException e) {
            return 0; // the thread ended
        }
    }

    /** User plus system ticks of a {@code /proc/…/stat} line, whose second field (the name) may hold spaces. */
    static long cpuTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after the name: state (field 3), ... utime (field 14), stime (field 15)
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }
}
