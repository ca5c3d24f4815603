package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.ranking.service.RankOneRuns.DayRank;
import vn.congdoan.sangkien.ranking.service.RankOneRuns.Run;

class RankOneRunsTest {

    private static DayRank day(int dayOfMonth, int rank) {
        return new DayRank(LocalDate.of(2022, 4, dayOfMonth), rank);
    }

    @Test
    void longestAndCurrentRunsAtRankOne() {
        var runs = RankOneRuns.of(List.of(day(1, 1), day(2, 1), day(3, 1), day(4, 2), day(5, 1), day(6, 1)),
                LocalDate.of(2022, 4, 6));

        assertThat(runs.longest()).isEqualTo(new Run(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 3), 3));
        assertThat(runs.current()).isEqualTo(new Run(LocalDate.of(2022, 4, 5), LocalDate.of(2022, 4, 6), 2));
    }

    @Test
    void aRunEndedBeforeTheLatestSnapshotIsNotCurrent() {
        var runs = RankOneRuns.of(List.of(day(1, 1), day(2, 1), day(3, 2)), LocalDate.of(2022, 4, 3));

        assertThat(runs.longest().days()).isEqualTo(2);
        assertThat(runs.current()).isNull();
    }

    @Test
    void aDayWithoutSnapshotBreaksARun() {
        var runs = RankOneRuns.of(List.of(day(1, 1), day(2, 1), day(4, 1)), LocalDate.of(2022, 4, 4));

        assertThat(runs.longest().days()).isEqualTo(2);
        assertThat(runs.current()).isEqualTo(new Run(LocalDate.of(2022, 4, 4), LocalDate.of(2022, 4, 4), 1));
    }

    @Test
    void neverFirstMeansNoRuns() {
        var runs = RankOneRuns.of(List.of(day(1, 2), day(2, 3)), LocalDate.of(2022, 4, 2));

        assertThat(runs.longest()).isNull();
        assertThat(runs.current()).isNull();
    }
}
