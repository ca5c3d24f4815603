package vn.congdoan.sangkien.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-12-01T00:00:00Z | Tue, 01 Dec 2026 00:00:00 GMT",
            "2026-12-06T18:27:11Z | Sun, 06 Dec 2026 18:27:11 GMT",
            "2026-12-09T23:59:59Z | Wed, 09 Dec 2026 23:59:59 GMT",
            "2026-12-10T07:05:03Z | Thu, 10 Dec 2026 07:05:03 GMT",
            "2026-12-31T16:59:00Z | Thu, 31 Dec 2026 16:59:00 GMT",
            "2024-02-29T12:00:00Z | Thu, 29 Feb 2024 12:00:00 GMT"})
    void writesTheDayWithTwoDigitsOnEveryDayOfTheMonth(Instant instant, String expected) {
        assertThat(HttpDates.format(instant)).isEqualTo(expected);
        assertThat(HttpDates.parse(expected)).isEqualTo(instant);
    }

    @Test
    void formatsTheSecondOnly() {
        assertThat(HttpDates.format(Instant.parse("2026-12-06T18:27:11.999Z"))).isEqualTo("Sun, 06 Dec 2026 18:27:11 GMT");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Sun, 6 Dec 2026 18:27:11 GMT",
            "Sun, 06 Dec 2026 18:27:11 GMT",
            "  Sun, 06 Dec 2026 18:27:11 GMT  ",
            "Sunday, 06-Dec-26 18:27:11 GMT",
            "Sun Dec  6 18:27:11 2026"})
    void readsEveryFormRecipientsMustAccept(String value) {
        assertThat(HttpDates.parse(value)).isEqualTo(Instant.parse("2026-12-06T18:27:11Z"));
    }

    @Test
    void readsATwoDigitYearFarAheadAsTheCenturyBefore() {
        assertThat(HttpDates.parse("Friday, 31-Dec-99 23:59:59 GMT")).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL", "''", "yesterday", "Sun, 32 Dec 2026 18:27:11 GMT", "Sun, 06 Dec 2026 25:00:00 GMT",
            "Sun, 06 Dec 2026 18:27:11 CET", "2026-12-06T18:27:11Z"})
    void anythingElseIsNoDate(String value) {
        assertThat(HttpDates.parse(value)).isNull();
    }
}
