package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Samples the resident memory (VmRSS of /proc/PID/status) of each service once a second, and keeps the largest
 * value per phase of the run. The services are the children of the local-stack launcher ({@code STACK_PID}), told
 * apart by the jar they run.
 */
final class Memory implements AutoCloseable {

    static final List<String> SERVICES = List.of("org-unit-service", "submission-service", "ranking-service");

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Timeline clock;
    private final Map<String, List<double[]>> samples = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> peaks = new LinkedHashMap<>();
    private final Thread thread;
    private volatile String phase = "idle";
    private volatile boolean running = true;

    Memory(Timeline clock) {
        this.clock = clock;
        Stream<ProcessHandle> candidates = Stack.launcher().map(ProcessHandle::descendants)
                .orElseGet(ProcessHandle::allProcesses);
        candidates.forEach(p -> {
            String command = Stack.commandLine(p.pid());
            for (String service : SERVICES) {
                if (command.contains(service + "/target/quarkus-app/quarkus-run.jar")) {
                    pids.putIfAbsent(service, p.pid());
                }
            }
        });
        pids.keySet().forEach(s -> samples.put(s, new ArrayList<>()));
        thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Which services were found, by name. */
    Map<String, Long> pids() {
        return pids;
    }

    /** Later samples count for this phase. */
    void phase(String name) {
        phase = name;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        int second = clock.now();
        pids.forEach((service, pid) -> {
            long kb = rssKb(pid);
            if (kb > 0) {
                samples.get(service).add(new double[] { second, kb / 1024.0 });
                peaks.computeIfAbsent(phase, p -> new LinkedHashMap<>()).merge(service, kb, Math::max);
            }
        });
    }

    /** Largest RSS in MiB seen per phase and service; phases in the order they began. */
    synchronized Map<String, Map<String, Long>> peaksKb() {
        sample();
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        peaks.forEach((p, m) -> copy.put(p, new LinkedHashMap<>(m)));
        return copy;
    }

    synchronized List<Charts.Series> series() {
        List<Charts.Series> series = new ArrayList<>();
        samples.forEach((service, points) -> series.add(new Charts.Series(service,
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray())));
        return series;
    }

    /**
     * Starts a JFR recording (profile settings) in every service, through the JDK's jcmd: for finding the cause of a
     * missed target.
     */
    void startRecording(String name) {
        pids.forEach((service, pid) -> jcmd(pid, "JFR.start", "name=" + name, "settings=profile"));
    }

    /** Stops the recording and writes each service's to {@code dir/<service>-<name>.jfr}. */
    void stopRecording(String name, Path dir) {
        pids.forEach((service, pid) -> jcmd(pid, "JFR.stop", "name=" + name,
                "filename=" + dir.toAbsolutePath().resolve(service + "-" + name + ".jfr")));
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                Benchmarks.say("  jcmd " + String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            Benchmarks.say("  jcmd not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process has ended, or this is not Linux
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
