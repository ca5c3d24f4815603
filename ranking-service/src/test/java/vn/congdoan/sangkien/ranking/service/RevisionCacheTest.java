package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RevisionCacheTest {

    private record Key(LocalDate date, long revision) {
    }

    private final RevisionCache<Key, String> cache = new RevisionCache<>(512, Duration.ofMinutes(10));

    @Test
    void aClientVaryingTheDatePushesOutSomeEntriesNotAll() {
        cache.moveTo(7);
        Key today = new Key(LocalDate.of(2022, 4, 15), 7);
        cache.put(today, "today");

        // a client walks through past days while dashboards keep asking for today
        IntStream.range(1, 1000).forEach(day -> {
            cache.put(new Key(today.date().minusDays(day), 7), "past");
            assertThat(cache.get(today)).isEqualTo("today");
        });

        assertThat(cache.size()).isEqualTo(512);
        assertThat(cache.get(today)).isEqualTo("today");
    }

    @Test
    void aCacheBoundedByWeightHoldsNoMoreThanItsWeightHoweverFewTheEntries() {
        RevisionCache<Key, String> weighed = new RevisionCache<>(1_000, (key, value) -> value.length(),
                Duration.ofMinutes(10));
        weighed.moveTo(7);

        IntStream.range(0, 100).forEach(day -> weighed.put(new Key(LocalDate.of(2022, 4, 15).plusDays(day), 7),
                "x".repeat(100)));

        assertThat(weighed.size()).isBetween(1L, 10L);
    }

    @Test
    void whatWasComputedForAnEarlierRevisionIsDroppedWhenItMovesOn() {
        cache.moveTo(7);
        cache.put(new Key(LocalDate.of(2022, 4, 15), 7), "at 7");
        cache.moveTo(7);
        assertThat(cache.size()).isEqualTo(1);

        cache.moveTo(8);

        assertThat(cache.revision()).isEqualTo(8);
        assertThat(cache.size()).isZero();
        assertThat(cache.get(new Key(LocalDate.of(2022, 4, 15), 7))).isNull();
    }
}
