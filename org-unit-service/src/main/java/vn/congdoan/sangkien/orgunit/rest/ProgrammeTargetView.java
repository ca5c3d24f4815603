package vn.congdoan.sangkien.orgunit.rest;

import java.util.UUID;

import vn.congdoan.sangkien.orgunit.repository.ProgrammeUnitTarget;

/** A unit's target in a phase, with the unit's code and name. */
public record ProgrammeTargetView(UUID unitId, String code, String name, long target) {

    static ProgrammeTargetView of(ProgrammeUnitTarget t) {
        return new ProgrammeTargetView(t.unitId(), t.code(), t.name(), t.target());
    }
}
