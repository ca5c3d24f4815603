package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of the machine's CPU time its host gave to other guests ("steal" in {@code /proc/stat}) between two
 * readings. On a shared virtual machine it explains latency that nothing on the machine caused; the reports show it
 * beside each run.
 *
 * @param steal the jiffies the host took, since boot
 * @param total every jiffy of the machine's CPUs, since boot
 */
record HostSteal(long steal, long total) {

    /** Now; zero on systems without {@code /proc/stat}. */
    static HostSteal now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return parse(cpu);
        } catch (IOException | RuntimeException unreadable) {
            return new HostSteal(0, 0);
        }
    }

    /** @param cpuLine the first line of /proc/stat: {@code cpu user nice system idle iowait irq softirq steal …} */
    static HostSteal parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new HostSteal(fields.length > 8 ? Long.parseLong(fields[8]) : 0, total);
    }

    /** Percent of the CPU time from {@code earlier} to this reading that the host took. */
    double percentSince(HostSteal earlier) {
        long elapsed = total - earlier.total;
        return elapsed <= 0 ? 0 : 100.0 * (steal - earlier.steal) / elapsed;
    }
}
