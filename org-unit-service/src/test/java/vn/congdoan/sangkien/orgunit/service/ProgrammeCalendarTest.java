package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.kit.problem.ProblemException;

class ProgrammeCalendarTest {

    private final ProgrammeCalendar oneMillion = new ProgrammeCalendar(LocalDate.of(2021, 9, 1),
            LocalDate.of(2023, 9, 1));

    @Test
    void fifteenthOfAprilTwentyTwentyTwoIsDay227() {
        var progress = oneMillion.progressOn(LocalDate.of(2022, 4, 15));

        assertThat(progress.dayNumber()).isEqualTo(227);
        assertThat(progress.daysElapsed()).isEqualTo(227);
        assertThat(progress.daysRemaining()).isEqualTo(504);
    }

    @Test
    void bothEndsAreDaysOfTheProgramme() {
        assertThat(oneMillion.totalDays()).isEqualTo(731);
        assertThat(oneMillion.progressOn(LocalDate.of(2021, 9, 1)))
                .isEqualTo(new ProgrammeCalendar.Progress(LocalDate.of(2021, 9, 1), 1, 1, 730));
        assertThat(oneMillion.progressOn(LocalDate.of(2023, 9, 1)))
                .isEqualTo(new ProgrammeCalendar.Progress(LocalDate.of(2023, 9, 1), 731, 731, 0));
    }

    @Test
    void aProgrammeWithoutAnEndGoesOnWithNoDaysRemaining() {
        var open = new ProgrammeCalendar(LocalDate.of(2021, 9, 1), null);

        assertThat(open.totalDays()).isNull();
        assertThat(open.progressOn(LocalDate.of(2025, 7, 1)))
                .isEqualTo(new ProgrammeCalendar.Progress(LocalDate.of(2025, 7, 1), 1400, 1400, null));
        assertThat(open.progressOn(LocalDate.of(2021, 8, 31)).dayNumber()).isNull();
        assertThatCode(() -> open.checkPhase(LocalDate.of(2024, 1, 1), LocalDate.of(2030, 12, 31)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> open.checkPhase(LocalDate.of(2021, 1, 1), null))
                .isInstanceOf(ProblemException.class).hasMessageContaining("from 2021-09-01");
    }

    @Test
    void outsideTheProgrammeThereIsNoDayNumber() {
        assertThat(oneMillion.progressOn(LocalDate.of(2021, 8, 31)))
                .isEqualTo(new ProgrammeCalendar.Progress(LocalDate.of(2021, 8, 31), null, 0, 731));
        assertThat(oneMillion.progressOn(LocalDate.of(2024, 1, 1)))
                .isEqualTo(new ProgrammeCalendar.Progress(LocalDate.of(2024, 1, 1), null, 731, 0));
    }

    @Test
    void aOneDayProgrammeHasOneDay() {
        var oneDay = new ProgrammeCalendar(LocalDate.of(2022, 4, 28), LocalDate.of(2022, 4, 28));

        assertThat(oneDay.totalDays()).isEqualTo(1);
        assertThat(oneDay.progressOn(LocalDate.of(2022, 4, 28)).dayNumber()).isEqualTo(1);
    }

    @Test
    void endBeforeStartIsRejected() {
        assertThatThrownBy(() -> new ProgrammeCalendar(LocalDate.of(2022, 1, 2), LocalDate.of(2022, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPhaseLiesInsideItsProgramme() {
        assertThatCode(() -> oneMillion.checkPhase(null, null)).doesNotThrowAnyException();
        assertThatCode(() -> oneMillion.checkPhase(LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1)))
                .doesNotThrowAnyException();
        assertProblem(() -> oneMillion.checkPhase(LocalDate.of(2021, 8, 31), null), "startDate");
        assertProblem(() -> oneMillion.checkPhase(null, LocalDate.of(2023, 9, 2)), "endDate");
        assertProblem(() -> oneMillion.checkPhase(LocalDate.of(2022, 5, 1), LocalDate.of(2022, 4, 30)), "endDate");
    }

    @Test
    void todayIsCountedInVietnam() {
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2022-04-14T17:30:00Z"), ZoneOffset.UTC);

        assertThat(ProgrammeCalendar.today(lateEveningUtc)).isEqualTo(LocalDate.of(2022, 4, 15));
    }

    @Test
    void requestDatesAreParsedOrRejectedNamingTheField() {
        assertThat(ProgrammeCalendar.parseDay("asOf", null)).isNull();
        assertThat(ProgrammeCalendar.parseDay("asOf", "2022-04-15")).isEqualTo(LocalDate.of(2022, 4, 15));
        assertThatThrownBy(() -> ProgrammeCalendar.parseDay("asOf", "2022-02-30"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("asOf");
                });
    }

    private static void assertProblem(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
