package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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

    @Test
    void anEventsInitiativeAndTimeAreReadFromItsBytesAsAParserWouldReadThem() {
        for (String time : List.of("2026-11-28T03:10:00Z", "2026-11-28T03:10:00.1Z", "2026-11-28T03:10:00.12Z",
                "2026-11-28T03:10:00.123456789Z", "1999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000001Z",
                "2026-11-28T10:10:00+07:00")) {
            assertThat(WriteBenchmark.epochMillis(time)).as(time).isEqualTo(OffsetDateTime.parse(time).toInstant()
                    .toEpochMilli());
        }
        String event = "{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"type\":\"InitiativeSubmitted\","
                + "\"occurredAt\":\"2026-11-28T03:10:00.250Z\",\"initiativeId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}";
        assertThat(WriteBenchmark.initiativeAndTime(event.getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.entry(
                "7c9e6679-7425-40de-944b-e07fc1f90ae7", Instant.parse("2026-11-28T03:10:00.250Z").toEpochMilli()));
        assertThat(WriteBenchmark.initiativeAndTime("{\"initiativeId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(WriteBenchmark.initiativeAndTime(event.replace("2026-11-28T03:10:00.250Z", "soon")
                .getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private static LatencyRun.Result result(long requests, long errors, double seconds, long millis) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(millis * 1_000_000, requests);
        return new LatencyRun.Result("POST", requests, errors, seconds, histogram, 0.0, null);
    }
}
