package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.List;

import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.service.ProgrammeCalendar;

/**
 * A programme with its phases and where {@code asOf} falls in it: {@code dayNumber} (day 1 is the start date;
 * {@code null} outside the programme), {@code daysElapsed} (up to and including {@code asOf}) and
 * {@code daysRemaining} (after {@code asOf}; {@code null} for a programme without an end date).
 */
public record ProgrammeView(String code, String name, LocalDate startDate, LocalDate endDate, Long nationalTarget,
        List<ProgrammePhaseView> phases, LocalDate asOf, Integer dayNumber, int daysElapsed, Integer daysRemaining,
        long version) {

    static ProgrammeView of(Programme p, ProgrammeCalendar.Progress progress) {
        return new ProgrammeView(p.code, p.name, p.startDate, p.endDate, p.nationalTarget,
                p.phases.stream().map(ProgrammePhaseView::of).toList(), progress.asOf(), progress.dayNumber(),
                progress.daysElapsed(), progress.daysRemaining(), p.version);
    }
}
