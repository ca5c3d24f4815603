package vn.congdoan.sangkien.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts events per second since it was made, and the slowest of each second: the data of the throughput-over-time
 * and slowest-answer charts.
 */
final class Timeline {

    private static final int SECONDS = 4 * 3600;

    private final long start = System.nanoTime();
    private final AtomicLongArray ok = new AtomicLongArray(SECONDS);
    private final AtomicLongArray failed = new AtomicLongArray(SECONDS);
    private final AtomicLongArray slowestNanos = new AtomicLongArray(SECONDS);
    private final List<Charts.Marker> marks = new ArrayList<>();
    private volatile int last;

    void record(boolean success) {
        add(success ? 1 : 0, success ? 0 : 1);
    }

    /** An answer that took {@code latencyNanos}, counted and timed in the second it came. */
    void record(boolean success, long latencyNanos) {
        int second = add(success ? 1 : 0, success ? 0 : 1);
        if (second < SECONDS) {
            slowestNanos.accumulateAndGet(second, latencyNanos, Math::max);
        }
    }

    /** @return the second counted in */
    int add(long succeeded, long failures) {
        int second = now();
        if (second >= SECONDS) {
            return second;
        }
        if (succeeded > 0) {
            ok.addAndGet(second, succeeded);
        }
        if (failures > 0) {
            failed.addAndGet(second, failures);
        }
        if (second > last) {
            last = second;
        }
        return second;
    }

    /** A named moment (its second), drawn on the charts. */
    synchronized void mark(String label) {
        marks.add(new Charts.Marker(now(), label));
    }

    synchronized List<Charts.Marker> marks() {
        return List.copyOf(marks);
    }

    int now() {
        return (int) ((System.nanoTime() - start) / 1_000_000_000L);
    }

    /** Successes per second, from second 0 to the last second with a count. */
    double[] succeeded() {
        return series(ok);
    }

    double[] failed() {
        return series(failed);
    }

    /** The slowest answer of each second, ms; 0 in a second without answers. */
    double[] slowestMillis() {
        double[] values = series(slowestNanos);
        for (int i = 0; i < values.length; i++) {
            values[i] /= 1e6;
        }
        return values;
    }

    private double[] series(AtomicLongArray counts) {
        double[] values = new double[last + 1];
        for (int i = 0; i <= last; i++) {
            values[i] = counts.get(i);
        }
        return values;
    }
}
