package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency runs with HdrHistogram: closed-loop (a few clients back to back: the saturation throughput) and
 * open-model (a constant arrival rate: latency at a given load).
 */
final class LatencyRun {

    /**
     * The outcome of one run.
     *
     * @param stealPercent share of the machine's CPU time the host gave to other guests meanwhile
     * @param late         of an open-model run, how late the generator sent each request after it was due (its own
     *                     share of the latencies); {@code null} for closed-loop runs
     */
    record Result(String name, long requests, long errors, double seconds, Histogram histogram, double stealPercent,
            Histogram late) {

        double throughput() {
            return requests / seconds;
        }

        double millis(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1_000_000.0;
        }

        String markdownRow() {
            return "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %.1f | %s |".formatted(name, requests,
                    throughput(), millis(50), millis(99), millis(99.9), histogram.getMaxValue() / 1_000_000.0, errors,
                    stealPercent, late == null ? "" : "%.2f".formatted(late.getValueAtPercentile(99) / 1_000_000.0));
        }
    }

    static final String TABLE_HEADER = "| request | count | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors "
            + "| host steal % | sent late p99 ms |\n|---|---|---|---|---|---|---|---|---|---|";

    private final Map<String, String> headers;
    private int senders = 32;
    private Timeline timeline;

    /** @param authorization the Authorization header of every request, or {@code null} */
    LatencyRun(String authorization) {
        this(authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    /** @param headers sent with every request */
    LatencyRun(Map<String, String> headers) {
        this.headers = headers;
    }

    /** How many blocking senders an open-model run has: the most requests it keeps in flight. */
    LatencyRun senders(int count) {
        this.senders = count;
        return this;
    }

    /** Counts the answers of closed-loop runs per second as well. */
    LatencyRun timeline(Timeline counts) {
        this.timeline = counts;
        return this;
    }

    Result run(String name, List<String> urls, int clients, Duration warmup, Duration measure) throws Exception {
        exercise(urls, clients, warmup, null);
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        HostSteal before = HostSteal.now();
        long start = System.nanoTime();
        long requests = exercise(urls, clients, measure, (latency, ok) -> {
            recorder.recordValue(latency);
            if (!ok) {
                errors.incrementAndGet();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, requests, errors.get(), seconds, recorder.getIntervalHistogram(),
                HostSteal.now().percentSince(before), null);
    }

    /**
     * An open-model run: requests leave at a constant rate whatever the answers do, and each latency counts from the
     * moment its request was due, so a stall shows in the percentiles instead of slowing the load (no coordinated
     * omission).
     */
    Result runAtRate(String name, List<String> urls, int perSecond, Duration warmup, Duration measure) throws Exception {
        List<RawHttp.Request> gets = gets(urls, Duration.ofSeconds(30));
        return runAtRate(name, () -> gets.get(ThreadLocalRandom.current().nextInt(gets.size())), perSecond, warmup,
                measure, null, null);
    }

    /**
     * An open-model run of any request.
     *
     * @param timeline counts the answers of the measured part per second, or {@code null}
     * @param answers  sees every answer of the measured part (any thread), or {@code null}
     */
    Result runAtRate(String name, Supplier<RawHttp.Request> requests, int perSecond, Duration warmup, Duration measure,
            Timeline timeline, Answers answers) throws Exception {
        fire(requests, perSecond, warmup, null, timeline == null ? null
                : (latency, response) -> timeline.record(response != null && response.status() < 400, latency));
        Recorder recorder = new Recorder(3);
        Recorder late = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        HostSteal before = HostSteal.now();
        long start = System.nanoTime();
        long sent = fire(requests, perSecond, measure, late, (latency, response) -> {
            recorder.recordValue(latency);
            boolean ok = response != null && response.status() < 400;
            if (!ok) {
                errors.incrementAndGet();
            }
            if (timeline != null) {
                timeline.record(ok, latency);
            }
            if (answers != null && response != null) {
                answers.accept(response);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name + " @ " + perSecond + "/s", sent, errors.get(), seconds,
                recorder.getIntervalHistogram(), HostSteal.now().percentSince(before), late.getIntervalHistogram());
    }

    /** Sees the answers of a run. */
    interface Answers {
        void accept(RawHttp.Answer response);
    }

    /** GETs of these URLs with this run's headers, encoded once. */
    private List<RawHttp.Request> gets(List<String> urls, Duration timeout) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        headers.forEach((name, value) -> lines.put(name, List.of(value)));
        return urls.stream().map(url -> RawHttp.Request.of("GET", URI.create(url), lines, new byte[0],
                (int) timeout.toMillis())).toList();
    }

    /**
     * Sends {@code perSecond} requests a second for {@code length}. Request i is due at start + i / rate; a pool of
     * senders (blocking, like the closed-loop clients) takes the next due request, waits for its time and sends it,
     * so a slow answer delays no other request as long as a sender is free.
     *
     * @param late records how late each request left after it was due, or {@code null}
     */
    private long fire(Supplier<RawHttp.Request> requests, int perSecond, Duration length, Recorder late, Sink sink)
            throws Exception {
        long interval = 1_000_000_000L / perSecond;
        long count = length.toSeconds() * perSecond;
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(pool.submit(() -> {
                try (RawHttp connection = new RawHttp()) {
                    long i;
                    while ((i = next.getAndIncrement()) < count) {
                        long due = start + i * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (late != null) {
                            late.recordValue(Math.max(0, System.nanoTime() - due));
                        }
                        RawHttp.Answer response;
                        try {
                            response = connection.send(requests.get());
                        } catch (Exception e) {
                            connection.close();
                            response = null;
                        }
                        if (sink != null) {
                            sink.record(System.nanoTime() - due, response);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return count;
    }

    interface Sink {
        void record(long nanos, RawHttp.Answer response);
    }

    private interface ClosedSink {
        void record(long nanos, boolean ok);
    }

    private long exercise(List<String> urls, int clients, Duration length, ClosedSink sink) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong count = new AtomicLong();
        List<RawHttp.Request> gets = gets(urls, Duration.ofSeconds(10));
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                RawHttp connection = new RawHttp();
                while (System.nanoTime() < deadline) {
                    RawHttp.Request request = gets.get(ThreadLocalRandom.current().nextInt(gets.size()));
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = connection.send(request).status() < 400;
                    } catch (Exception e) {
                        connection.close();
                        ok = false;
                    }
                    long latency = System.nanoTime() - t0;
                    if (sink != null) {
                        sink.record(latency, ok);
                        if (timeline != null) {
                            timeline.record(ok);
                        }
                    }
                    count.incrementAndGet();
                }
                connection.close();
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return count.get();
    }
}
