package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MergesTest {

    private static final UUID QUANG_BINH = UUID.randomUUID();
    private static final UUID QUANG_TRI = UUID.randomUUID();
    private static final UUID HUE = UUID.randomUUID();
    private static final UUID ENDED = UUID.randomUUID();
    private static final LocalDate MERGE = LocalDate.of(2025, 7, 1);

    /** Quảng Bình into Quảng Trị on 2025-07-01, then (imagined) Quảng Trị into Huế on 2026-01-01. */
    private static final List<Merges.Succession> PROVINCES = List.of(
            new Merges.Succession(QUANG_BINH, null, MERGE, QUANG_TRI),
            new Merges.Succession(QUANG_TRI, null, LocalDate.of(2026, 1, 1), HUE),
            new Merges.Succession(HUE, null, null, null),
            new Merges.Succession(ENDED, null, MERGE, null));

    @Test
    void aMergedProvinceStandsInItsSuccessorFromTheDayOfTheMergeThroughLaterMerges() {
        assertThat(Merges.homes(PROVINCES, MERGE.minusDays(1))).isEqualTo(Map.of(QUANG_BINH, QUANG_BINH,
                QUANG_TRI, QUANG_TRI, HUE, HUE, ENDED, ENDED));
        assertThat(Merges.homes(PROVINCES, MERGE)).isEqualTo(Map.of(QUANG_BINH, QUANG_TRI, QUANG_TRI, QUANG_TRI,
                HUE, HUE));
        assertThat(Merges.homes(PROVINCES, LocalDate.of(2026, 1, 1))).isEqualTo(Map.of(QUANG_BINH, HUE,
                QUANG_TRI, HUE, HUE, HUE));
    }

    @Test
    void foldingAddsTheCountsAndSubtractsSubmittersCountedInBoth() {
        List<ProvinceFigures> figures = List.of(
                new ProvinceFigures(QUANG_BINH, "44", "Liên đoàn Lao động tỉnh Quảng Bình", 1_000, 10, 6, 2, 50L, 3, 1,
                        List.of("BTB"), List.of()),
                new ProvinceFigures(QUANG_TRI, "45", "Liên đoàn Lao động tỉnh Quảng Trị", 2_000, 20, 9, 1, 80L, 4, 2,
                        List.of("BTB"), List.of("CUM")),
                new ProvinceFigures(HUE, "46", "Liên đoàn Lao động thành phố Huế", 3_000, 5, 5, 0, null, 0, 0,
                        List.of("BTB"), List.of("CUM")));
        Map<UUID, UUID> homes = Merges.homes(PROVINCES, MERGE);

        assertThat(Merges.mergedGroups(homes)).containsOnlyKeys(QUANG_TRI);
        assertThat(Merges.fold(figures, homes, Map.of(QUANG_TRI, 2L)))
                .extracting(ProvinceFigures::code, ProvinceFigures::submissions, ProvinceFigures::submitters,
                        ProvinceFigures::recognized, ProvinceFigures::thisWeek, ProvinceFigures::today,
                        ProvinceFigures::target, ProvinceFigures::memberCount, ProvinceFigures::clusters)
                .containsExactly(tuple("45", 30L, 13L, 3L, 7L, 3L, 80L, 2_000, List.of("CUM")),
                        tuple("46", 5L, 5L, 0L, 0L, 0L, null, 3_000, List.of("CUM")));
    }
}
