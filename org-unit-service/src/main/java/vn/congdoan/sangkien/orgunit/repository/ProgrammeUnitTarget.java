package vn.congdoan.sangkien.orgunit.repository;

import java.util.UUID;

/** A unit's target in a phase, with the unit's code and name. */
public record ProgrammeUnitTarget(UUID unitId, String code, String name, long target) {
}
