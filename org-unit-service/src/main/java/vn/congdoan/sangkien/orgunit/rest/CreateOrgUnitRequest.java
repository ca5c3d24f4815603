package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.orgunit.service.NewOrgUnit;

public record CreateOrgUnitRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "{sangkien.code}")
        String code,
        @NotBlank @Size(max = 300) String name,
        @NotNull OrgUnitType type,
        @NotNull UUID parentId,
        @PositiveOrZero Integer memberCount,
        LocalDate memberCountAsOf,
        LocalDate validFrom) {

    NewOrgUnit toCommand() {
        return new NewOrgUnit(code, name.strip(), type, parentId, memberCount, memberCountAsOf, validFrom);
    }
}
