package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DailySeriesTest {

    private static final LocalDate START = LocalDate.of(2021, 9, 1);

    private static DailySeries.Province province(UUID id, String name) {
        return new DailySeries.Province(id, id.toString().substring(0, 4), name, 1_000,
                new Merges.Succession(id, null, null, null));
    }

    @Test
    void theRanksOfASeriesAreTheStandingsRanks() {
        Random random = new Random(7);
        List<ProvinceFigures> figures = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            figures.add(new ProvinceFigures(UUID.randomUUID(), "T" + i, "Liên đoàn Lao động tỉnh " + i, null,
                    random.nextInt(5), 0, 0, null, 0, 0, null, null));
        }

        assertThat(DailySeries.submissionRanks(figures)).isEqualTo(StandingsCalculator.submissionRanks(figures));
    }

    @Test
    void eachDayAddsItsChangesAndTodayAndThisWeekAreThatDaysAndThatWeeks() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        // Friday 3 September 2021, Monday 6 September: a new week
        DailySeries.Inputs inputs = new DailySeries.Inputs(List.of(province(a, "Lào Cai"), province(b, "Yên Bái")),
                List.of(), List.of(), Map.of(), List.of(
                        new DailySeries.DayChange(START.plusDays(2), a, 2, 0, 2),
                        new DailySeries.DayChange(START.plusDays(5), b, 3, 1, 3),
                        new DailySeries.DayChange(START.plusDays(6), a, -1, 0, -1)));

        List<DailySeries.Day> days = DailySeries.days(inputs, START, START.plusDays(6));

        assertThat(days).hasSize(7);
        DailySeries.Day friday = days.get(2);
        assertThat(friday.ranks()).containsEntry(a, 1).containsEntry(b, 2);
        DailySeries.Day tuesday = days.get(6);
        ProvinceFigures laoCai = tuesday.provinces().stream().filter(f -> f.provinceId().equals(a)).findFirst()
                .orElseThrow();
        assertThat(laoCai.submissions()).isEqualTo(1);
        assertThat(laoCai.today()).isEqualTo(-1);
        assertThat(laoCai.thisWeek()).as("the week began on Monday").isEqualTo(-1);
        assertThat(tuesday.ranks()).containsEntry(b, 1).containsEntry(a, 2);
    }
}
