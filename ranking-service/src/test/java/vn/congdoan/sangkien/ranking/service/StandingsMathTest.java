package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StandingsMathTest {

    private static final LocalDate START = LocalDate.of(2021, 9, 1);
    private static final LocalDate END = LocalDate.of(2023, 9, 1);

    @Test
    void percentageOfTargetHasOneDecimalAsInTheArticle() {
        assertThat(StandingsMath.percent(13_386, 3_000L)).isEqualByComparingTo("446.2");
        assertThat(StandingsMath.percent(58, 13L)).isEqualByComparingTo("446.2");
        assertThat(StandingsMath.percent(150_000, 1_000_000L)).isEqualByComparingTo("15.0");
        assertThat(StandingsMath.percent(1, 3L)).isEqualByComparingTo("33.3");
        assertThat(StandingsMath.percent(2, 3L)).isEqualByComparingTo("66.7");
    }

    @Test
    void noTargetMeansNoPercentage() {
        assertThat(StandingsMath.percent(10, null)).isNull();
        assertThat(StandingsMath.percent(10, 0L)).isNull();
    }

    @Test
    void submissionsPerThousandMembers() {
        assertThat(StandingsMath.perThousand(8_761, 69_000)).isEqualByComparingTo("127.0");
        assertThat(StandingsMath.perThousand(58, 12_000)).isEqualByComparingTo("4.8");
        assertThat(StandingsMath.perThousand(58, null)).isNull();
        assertThat(StandingsMath.perThousand(58, 0)).isNull();
    }

    @Test
    void movingUpIsPositive() {
        assertThat(StandingsMath.movement(5, 2)).isEqualTo(3);
        assertThat(StandingsMath.movement(1, 4)).isEqualTo(-3);
        assertThat(StandingsMath.movement(3, 3)).isZero();
        assertThat(StandingsMath.movement(null, 3)).isNull();
    }

    @Test
    void daysElapsedCountTheFirstDayAndToday() {
        assertThat(StandingsMath.daysElapsed(START, END, LocalDate.of(2022, 4, 15))).isEqualTo(227);
        assertThat(StandingsMath.daysRemaining(START, END, LocalDate.of(2022, 4, 15))).isEqualTo(731 - 227);
        assertThat(StandingsMath.daysElapsed(START, END, START)).isEqualTo(1);
        assertThat(StandingsMath.daysElapsed(START, END, START.minusDays(3))).isZero();
        assertThat(StandingsMath.daysRemaining(START, END, START.minusDays(3))).isEqualTo(731);
        assertThat(StandingsMath.daysElapsed(START, END, LocalDate.of(2026, 1, 1))).isEqualTo(731);
        assertThat(StandingsMath.daysRemaining(START, END, LocalDate.of(2026, 1, 1))).isZero();
        assertThat(StandingsMath.daysRemaining(START, null, START)).isNull();
    }

    @Test
    void weeksStartOnMonday() {
        assertThat(StandingsMath.weekStart(LocalDate.of(2022, 4, 15))).isEqualTo(LocalDate.of(2022, 4, 11));
        assertThat(StandingsMath.weekStart(LocalDate.of(2022, 4, 11))).isEqualTo(LocalDate.of(2022, 4, 11));
        assertThat(StandingsMath.weekStart(LocalDate.of(2022, 4, 17))).isEqualTo(LocalDate.of(2022, 4, 11));
    }

    @Test
    void shortNamesDropTheFederationPrefix() {
        assertThat(ProvinceNames.shortName("Liên đoàn Lao động tỉnh Hà Tĩnh")).isEqualTo("Hà Tĩnh");
        assertThat(ProvinceNames.shortName("Liên đoàn Lao động thành phố Đà Nẵng")).isEqualTo("Đà Nẵng");
        assertThat(ProvinceNames.shortName("Công đoàn ngành Y tế")).isEqualTo("Công đoàn ngành Y tế");
    }

    @Test
    void theCurrentPhaseIsTheLatestBegunAndUnknownDatesAreInForce() {
        var undated = new Phases.Phase("phase-1", null, null);
        var second = new Phases.Phase("phase-2", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 9, 1));
        assertThat(Phases.current(List.of(undated), LocalDate.of(2022, 4, 15))).contains(undated);
        assertThat(Phases.current(List.of(undated, second), LocalDate.of(2022, 4, 15))).contains(undated);
        assertThat(Phases.current(List.of(undated, second), LocalDate.of(2023, 3, 1))).contains(second);
        var ended = new Phases.Phase("phase-0", null, LocalDate.of(2021, 12, 31));
        assertThat(Phases.current(List.of(ended), LocalDate.of(2022, 4, 15))).isEmpty();
    }

    @Test
    void percentageRanksAboveAMissingTarget() {
        assertThat(Metric.TARGET_PERCENT.rankValue(figures("A", 5, null))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Metric.TARGET_PERCENT.rankValue(figures("B", 0, 10L))).isGreaterThan(Double.NEGATIVE_INFINITY);
    }

    static ProvinceFigures figures(String name, long submissions, Long target) {
        return new ProvinceFigures(UUID.nameUUIDFromBytes(name.getBytes()), name, name, null, submissions,
                0, 0, target, 0, 0, null, null);
    }
}
