package vn.congdoan.sangkien.orgunit.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import vn.congdoan.sangkien.orgunit.ProgrammeTarget;

/** One unit's target in a phase. */
public record ProgrammeTargetRequest(@NotNull UUID unitId, @NotNull @PositiveOrZero Long target) {

    ProgrammeTarget toTarget() {
        return new ProgrammeTarget(unitId, target);
    }
}
