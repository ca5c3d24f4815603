package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;

/** What it takes to create a unit below an existing one. */
public record NewOrgUnit(String code, String name, OrgUnitType type, UUID parentId, Integer memberCount,
        LocalDate memberCountAsOf, LocalDate validFrom, UnitSector sector) {
}
