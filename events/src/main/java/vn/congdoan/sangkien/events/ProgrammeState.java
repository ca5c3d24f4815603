package vn.congdoan.sangkien.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Value of {@link Topics#PROGRAMMES}: the whole current state of one emulation programme, with its phases and the
 * targets set nationally in each phase: the confederation's, the provinces' and the national unions'. The targets of
 * the units below them are on {@link Topics#UNIT_TARGETS}, one record each.
 *
 * @param endDate        the last day of the programme
 * @param nationalTarget the number of initiatives the whole country aims for; {@code null} when not set
 */
public record ProgrammeState(
        String code,
        String name,
        LocalDate startDate,
        LocalDate endDate,
        Long nationalTarget,
        List<Phase> phases,
        long version) {

    /**
     * A phase (giai đoạn) of the programme. Dates are {@code null} where they are not known.
     */
    public record Phase(String code, String name, LocalDate startDate, LocalDate endDate, List<Target> targets) {
    }

    /** The number of submissions a unit aims for in a phase. */
    public record Target(UUID unitId, long target) {
    }
}
