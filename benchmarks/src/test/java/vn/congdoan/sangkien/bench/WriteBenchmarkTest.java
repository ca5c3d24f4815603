package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WriteBenchmarkTest {

    @Test
    void aRateIsSaturatedWhenAnswersFallBehindAreSlowOrFail() {
        assertThat(WriteBenchmark.saturated(1000, result(20_000, 0, 20.0, 30))).isFalse();
        assertThat(WriteBenchmark.saturated(1000, result(20_000, 0, 22.0, 30))).as("answered 909/s").isTrue();
        assertThat(WriteBenchmark.saturated(1000, result(20_000, 0, 20.0, 1_500))).as("p99 1.5 s").isTrue();
        assertThat(WriteBenchmark.saturated(1000, result(20_000, 201, 20.0, 30))).as("errors over 1 %").isTrue();
    }

    private static LatencyRun.Result result(long requests, long errors, double seconds, long millis) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(millis * 1_000_000, requests);
        return new LatencyRun.Result("POST", requests, errors, seconds, histogram, 0.0, null);
    }
}
