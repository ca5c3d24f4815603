package vn.congdoan.sangkien.orgunit.rest;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.orgunit.service.TargetRow;

/** The target of one unit directly below the unit that assigns it, named by its id or its code. */
@Schema(description = "A unit directly below, by unitId or unitCode (both: the same unit), and its target")
public record UnitTargetRequest(
        UUID unitId,
        @Schema(example = "HT-KA") @Size(max = 64) String unitCode,
        @Schema(example = "1200") @NotNull @PositiveOrZero @Max(1_000_000_000L) Long target) {

    TargetRow toRow() {
        return new TargetRow(unitId, unitCode, target);
    }
}
