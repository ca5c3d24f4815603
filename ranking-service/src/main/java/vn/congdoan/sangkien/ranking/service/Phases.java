package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Which phase of a programme is current. */
public final class Phases {

    /** A phase with its inclusive dates, null where unknown. */
    public record Phase(String code, LocalDate startDate, LocalDate endDate) {
    }

    private Phases() {
    }

    /**
     * The latest phase, in programme order, that has begun and not yet ended on {@code day}; a phase with unknown
     * dates is taken to be in force, so a programme that only published "phase 1" still has a current target.
     */
    public static Optional<Phase> current(List<Phase> phases, LocalDate day) {
        Phase current = null;
        for (Phase phase : phases) {
            boolean begun = phase.startDate() == null || !day.isBefore(phase.startDate());
            boolean ended = phase.endDate() != null && day.isAfter(phase.endDate());
            if (begun && !ended) {
                current = phase;
            }
        }
        return Optional.ofNullable(current);
    }
}
