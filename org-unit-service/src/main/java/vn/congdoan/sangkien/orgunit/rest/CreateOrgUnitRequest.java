package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.orgunit.service.NewOrgUnit;

@Schema(description = "A new unit below an existing one")
public record CreateOrgUnitRequest(
        @Schema(example = "HT-THEP-01") @NotBlank @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "{sangkien.code}") String code,
        @Schema(example = "Công đoàn cơ sở Công ty Gang thép Hà Tĩnh") @NotBlank @Size(max = 300) String name,
        @NotNull OrgUnitType type,
        @NotNull UUID parentId,
        @Schema(example = "1250") @PositiveOrZero Integer memberCount,
        @Schema(description = "The day memberCount was counted") LocalDate memberCountAsOf,
        @Schema(description = "First day in force; today in Vietnam when left out; not before the parent's validFrom")
        LocalDate validFrom,
        @Schema(description = "The kind of workplace, for the breakdowns by sector; meant for grassroots unions")
        UnitSector sector) {

    NewOrgUnit toCommand() {
        return new NewOrgUnit(code, name.strip(), type, parentId, memberCount, memberCountAsOf, validFrom, sector);
    }
}
