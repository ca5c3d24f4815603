package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import vn.congdoan.sangkien.orgunit.ProgrammePhase;

/** A phase; its targets are at {@code /api/v1/programmes/{code}/phases/{phase}/targets}. */
public record ProgrammePhaseView(String code, String name, LocalDate startDate, LocalDate endDate) {

    static ProgrammePhaseView of(ProgrammePhase p) {
        return new ProgrammePhaseView(p.code, p.name, p.startDate, p.endDate);
    }
}
