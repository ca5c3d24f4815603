package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.sun.tools.attach.VirtualMachine;

/**
 * CPU profiles of the services during a part (BENCH_PROFILE=1), by async-profiler: its native library, from the
 * {@code tools.profiler:async-profiler} jar, is attached to each running service and samples every thread's stack
 * every 10 ms of CPU time it uses ({@code itimer}, which needs no kernel permission), much as the services run without
 * it. Each service gets a flame graph ({@code <service>-<part>.html}, one tower per thread) and the same samples as
 * text ({@code .collapsed}); the report shows each service's CPU by thread pool.
 */
final class Profiler {

    private static final int INTERVAL_MS = 10;

    private final Map<String, Long> pids;
    private final Path dir;
    private final Path library;

    private Profiler(Map<String, Long> pids, Path dir, Path library) {
        this.pids = pids;
        this.dir = dir;
        this.library = library;
    }

    /** A profiler of these processes that writes into {@code dir}; null where async-profiler has no library. */
    static Profiler of(Map<String, Long> pids, Path dir) throws IOException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return null;
        }
        try (InputStream in = Profiler.class.getResourceAsStream("/" + arch + "/libasyncProfiler.so")) {
            if (in == null) {
                return null;
            }
            Files.createDirectories(dir);
            Path library = dir.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return new Profiler(pids, dir, library);
        }
    }

    void start() {
        pids.forEach((service, pid) -> command(service, pid,
                "start,event=itimer,interval=" + INTERVAL_MS + "ms,threads"));
    }

    /**
     * Stops the profiles and writes them.
     *
     * @return a Markdown section: each service's samples by thread pool
     */
    String stop(String part) {
        StringBuilder md = new StringBuilder();
        md.append("\nCPU profiles of this part (async-profiler, a sample per %d ms of CPU): `%s/<service>-%s.html` "
                .formatted(INTERVAL_MS, dir, part))
                .append("(flame graphs) and `.collapsed` (their stacks as text).\n\n");
        md.append("| service | CPU sampled, s | by thread pool |\n|---|---|---|\n");
        pids.forEach((service, pid) -> {
            Path collapsed = dir.resolve(service + "-" + part + ".collapsed");
            command(service, pid, "dump,collapsed,file=" + collapsed);
            command(service, pid, "stop,file=" + dir.resolve(service + "-" + part + ".html"));
            md.append(summary(service, collapsed));
        });
        return md.toString();
    }

    /** One table row: the service's samples by thread, with numbers in thread names folded into pools. */
    private static String summary(String service, Path collapsed) {
        Map<String, Long> byPool = new TreeMap<>();
        long total = 0;
        try {
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long samples = Long.parseLong(line.substring(space + 1));
                total += samples;
                byPool.merge(pool(line.substring(0, line.indexOf(';') < 0 ? space : line.indexOf(';'))), samples,
                        Long::sum);
            }
        } catch (IOException | NumberFormatException e) {
            return "| %s | (not read: %s) | |\n".formatted(service, e.getMessage());
        }
        long all = Math.max(1, total);
        String shares = byPool.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> "%s %.0f %%".formatted(e.getKey(), 100.0 * e.getValue() / all))
                .collect(Collectors.joining(", "));
        return "| %s | %.1f | %s |\n".formatted(service, total * INTERVAL_MS / 1000.0, shares);
    }

    /** {@code [executor-thread-12 tid=345]} → {@code executor-thread-N}; other numbers (C2, v1) stay. */
    static String pool(String frame) {
        String name = frame.startsWith("[") ? frame.substring(1, frame.endsWith("]") ? frame.length() - 1
                : frame.length()) : frame;
        int tid = name.indexOf(" tid=");
        if (tid >= 0) {
            name = name.substring(0, tid);
        }
        return name.replaceAll("(?<=-)\\d+", "N").replace('|', '/');
    }

    private void command(String service, long pid, String command) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgentPath(library.toString(), command);
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            Benchmarks.say("  profiler: %s of %s failed: %s".formatted(command, service, e));
        }
    }
}
