package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StandingsCalculatorTest {

    private static ProvinceFigures province(String shortName, long submissions, Long target, String region,
            String cluster) {
        return new ProvinceFigures(UUID.nameUUIDFromBytes(shortName.getBytes()), shortName,
                "Liên đoàn Lao động tỉnh " + shortName, 10_000, submissions, 0, 0, target, 0, 0,
                region == null ? List.of() : List.of(region), cluster == null ? List.of() : List.of(cluster));
    }

    private static final List<ProvinceFigures> TODAY = List.of(
            province("Thanh Hóa", 31_035, null, "BTB", "CUM"),
            province("Nghệ An", 13_386, 3_000L, "BTB", "CUM"),
            province("Hà Tĩnh", 8_761, 4_000L, "BTB", "CUM"),
            province("Ninh Bình", 8_761, null, "DBSH", "CUM"),
            province("Hà Nội", 20_000, null, "DBSH", null));

    /** The same figures of earlier days, as yesterday's or last week's snapshot. */
    private static final List<ProvinceFigures> EARLIER = List.of(
            province("Thanh Hóa", 100, null, "BTB", "CUM"),
            province("Nghệ An", 300, 3_000L, "BTB", "CUM"),
            province("Hà Tĩnh", 200, 4_000L, "BTB", "CUM"),
            province("Hà Nội", 50, null, "DBSH", null));

    static Stream<Arguments> orderAndRanksByMetric() {
        return Stream.of(
                Arguments.of(Metric.SUBMISSIONS, List.of("Thanh Hóa", "Hà Nội", "Nghệ An", "Hà Tĩnh", "Ninh Bình"),
                        List.of(1, 2, 3, 4, 4)),
                // provinces without a target come last
                Arguments.of(Metric.TARGET_PERCENT, List.of("Nghệ An", "Hà Tĩnh", "Hà Nội", "Ninh Bình", "Thanh Hóa"),
                        List.of(1, 2, 3, 3, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderAndRanksByMetric")
    void ranksNationallyByTheMetricAskedFor(Metric metric, List<String> order, List<Integer> ranks) {
        List<StandingRow> rows = StandingsCalculator.rank(TODAY, null, null, metric, null, null);

        assertThat(rows).extracting(StandingRow::shortName).containsExactlyElementsOf(order);
        assertThat(rows).extracting(StandingRow::rank).containsExactlyElementsOf(ranks);
    }

    @Test
    void ranksWithinRegionAndCluster() {
        List<StandingRow> rows = StandingsCalculator.rank(TODAY, null, null, Metric.SUBMISSIONS, null, null);

        assertThat(rows).extracting(StandingRow::regionRank).containsExactly(1, 1, 2, 3, 2);
        assertThat(rows).extracting(StandingRow::clusterRank).containsExactly(1, null, 2, 3, 3);
        assertThat(rows.get(2).targetPercent()).isEqualByComparingTo("446.2");
        assertThat(rows).extracting(StandingRow::movementSinceYesterday).containsOnlyNulls();
    }

    @Test
    void aProvinceInTwoClustersIsRankedAmongTheMembersOfTheOneAskedFor() {
        ProvinceFigures haTinh = new ProvinceFigures(UUID.randomUUID(), "42", "Liên đoàn Lao động tỉnh Hà Tĩnh", null,
                8_761, 0, 0, null, 0, 0, List.of("BTB"), List.of("CUM", "CUM-MOI"));
        List<ProvinceFigures> today = List.of(TODAY.get(0), TODAY.get(1), haTinh,
                province("Quảng Nam", 9_000, null, "NTB", "CUM-MOI"));

        assertThat(StandingsCalculator.rank(today, null, null, Metric.SUBMISSIONS, null, "CUM-MOI"))
                .extracting(StandingRow::shortName, StandingRow::cluster, StandingRow::clusterRank)
                .containsExactly(tuple("Thanh Hóa", "CUM", 1), tuple("Nghệ An", "CUM", 2),
                        tuple("Quảng Nam", "CUM-MOI", 1), tuple("Hà Tĩnh", "CUM-MOI", 2));
        assertThat(StandingsCalculator.rank(today, null, null, Metric.SUBMISSIONS, null, null))
                .filteredOn(r -> r.shortName().equals("Hà Tĩnh"))
                .extracting(StandingRow::cluster, StandingRow::clusterRank, StandingRow::clusters)
                .containsExactly(tuple("CUM", 3, List.of("CUM", "CUM-MOI")));
    }

    @Test
    void movementComparesWithTheRankOnTheSameMetricInEarlierSnapshots() {
        List<StandingRow> rows = StandingsCalculator.rank(TODAY, EARLIER, null, Metric.SUBMISSIONS, null, null);

        assertThat(rows).extracting(StandingRow::shortName, StandingRow::movementSinceYesterday).containsExactly(
                tuple("Thanh Hóa", 2), tuple("Hà Nội", 2),
                tuple("Nghệ An", -2), tuple("Hà Tĩnh", -2),
                tuple("Ninh Bình", null));
        assertThat(rows).extracting(StandingRow::movementSinceLastWeek).containsOnlyNulls();
    }

    @Test
    void sortingByMovementListsTheBiggestClimbersFirstAndThoseWithoutAnEarlierRankLast() {
        List<StandingRow> rows = StandingsCalculator.rank(TODAY, null, EARLIER, Metric.MOVEMENT_SINCE_LAST_WEEK,
                null, null);

        // by submissions Thanh Hóa went 3 → 1, Hà Nội 4 → 2, Nghệ An 1 → 3, Hà Tĩnh 2 → 4; Ninh Bình is new
        assertThat(rows).extracting(StandingRow::shortName, StandingRow::movementSinceLastWeek, StandingRow::rank)
                .containsExactly(tuple("Hà Nội", 2, 1), tuple("Thanh Hóa", 2, 1), tuple("Hà Tĩnh", -2, 3),
                        tuple("Nghệ An", -2, 3), tuple("Ninh Bình", null, 5));
        assertThat(rows).extracting(StandingRow::regionRank).containsExactly(1, 1, 2, 2, 2);
        assertThat(StandingsCalculator.rank(TODAY, null, null, Metric.MOVEMENT_SINCE_YESTERDAY, null, null))
                .extracting(StandingRow::rank).containsOnly(1);
    }

    /**
     * The standings below a province rank rows given as values in arrays; they must come out as the provinces' own
     * ranking of the same figures does, on every metric, with ties, targets and member counts missing, and rows
     * absent from an earlier day.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Metric.class)
    void rowsRankedFromTheirValuesComeOutAsTheProvincesFromTheirFigures(Metric metric) {
        Random random = new Random(metric.ordinal());
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(40);
            List<ProvinceFigures> today = randomFigures(random, n);
            List<ProvinceFigures> yesterday = random.nextInt(5) == 0 ? null : randomFigures(random, n);
            List<ProvinceFigures> lastWeek = random.nextInt(5) == 0 ? null : randomFigures(random, n);
            int[] names = VietnameseOrder.places(today.stream().map(ProvinceFigures::shortName).toList());
            Metric moving = StandingsCalculator.moving(metric);

            StandingsCalculator.Placed placed = StandingsCalculator.rankValues(values(today, moving),
                    yesterday == null ? null : values(yesterday, moving),
                    lastWeek == null ? null : values(lastWeek, moving), metric, names);

            List<StandingRow> expected = StandingsCalculator.rank(today, yesterday, lastWeek, metric, null, null);
            for (int i = 0; i < n; i++) {
                int row = placed.ranks().order()[i];
                StandingRow e = expected.get(i);
                assertThat(tuple(today.get(row).provinceId(), placed.ranks().rank()[row],
                        placed.sinceYesterday()[row], placed.sinceLastWeek()[row]))
                        .as("round %d, place %d", round, i)
                        .isEqualTo(tuple(e.provinceId(), e.rank(), e.movementSinceYesterday(),
                                e.movementSinceLastWeek()));
            }
        }
    }

    /** Figures of {@code n} provinces with few distinct values (many ties), some without target or member count. */
    private static List<ProvinceFigures> randomFigures(Random random, int n) {
        List<ProvinceFigures> figures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long submissions = random.nextInt(6);
            figures.add(new ProvinceFigures(new UUID(0, i), "P" + i, "Tỉnh " + (char) ('A' + i % 26) + i,
                    random.nextInt(4) == 0 ? null : 1 + random.nextInt(3), submissions, random.nextInt(3),
                    random.nextInt(3), random.nextInt(4) == 0 ? null : (long) random.nextInt(4), random.nextInt(3),
                    random.nextInt(2), List.of(), List.of()));
        }
        return figures;
    }

    private static double[] values(List<ProvinceFigures> figures, Metric metric) {
        return figures.stream().mapToDouble(metric::rankValue).toArray();
    }
}
