package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * Reads of the past that each have to be computed: the standings at the end of distinct days of the programme's
 * first two years, and provinces' daily series over those two years. The service keeps what it computed until the
 * counts change, so every request here asks for something it has not been asked before, one at a time: the
 * latencies are those of computing, not of memory.
 */
final class PastReads {

    /** The programme's first day; the backdated rows of the scale part spread over the two years from it. */
    static final LocalDate START = LocalDate.of(2021, 9, 1);
    static final int DAYS = 730;

    /** What one kind of read measured. */
    record Result(String name, Histogram histogram) {

        double millis(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1e6;
        }

        String markdownRow() {
            return "| %s | %d | %.2f | %.2f | %.2f |".formatted(name, histogram.getTotalCount(), millis(50),
                    millis(99), histogram.getMaxValue() / 1e6);
        }
    }

    static final String TABLE_HEADER = "| read | requests | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|";

    private final Stack stack;
    private final String authorization;

    PastReads(Stack stack) {
        this(stack, null);
    }

    /** Reads sent with {@code authorization}, when not null. */
    PastReads(Stack stack, String authorization) {
        this.stack = stack;
        this.authorization = authorization;
    }

    /** The national standings at the end of {@code count} distinct days of the two years, in a random order. */
    Result standingsAsOf(String name, int count) throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            days.add(START.plusDays(d));
        }
        Collections.shuffle(days, new Random(count));
        return run(name, Math.min(count, DAYS), i -> stack.ranking + "/api/v1/standings?asOf=" + days.get(i));
    }

    /**
     * Daily series over the two years, of the provinces in turn, each series ending on a different day so that none
     * was computed before.
     */
    Result provinceSeries(String name, List<String> provinces, int count) {
        return run(name, count, i -> stack.ranking + "/api/v1/standings/" + provinces.get(i % provinces.size())
                + "/history?from=" + START + "&to=" + START.plusDays(DAYS - 1 - i));
    }

    /** {@code count} reads of {@code url}, one at a time, after one more to warm up. */
    Result run(String name, int count, IntFunction<String> url) {
        return run(name, count, 1, url);
    }

    /**
     * {@code count} reads of {@code url}, one at a time, after {@code warmups} more ({@code url} of {@code count} and
     * on) so that connections and the compilers are warm for the first measured one.
     */
    Result run(String name, int count, int warmups, IntFunction<String> url) {
        Histogram histogram = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        try {
            for (int i = 0; i < warmups; i++) {
                get(url.apply(count + i));
            }
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                get(url.apply(i));
                histogram.recordValue(System.nanoTime() - started);
            }
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
        Result result = new Result(name, histogram);
        Benchmarks.say("  %s: p50 %.2f ms, p99 %.2f ms".formatted(name, result.millis(50), result.millis(99)));
        return result;
    }

    private void get(String url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<Void> response = stack.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
    }
}
