package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.orgunit.service.ImportReport.Outcome;

/** A row of a unit import that passed every check, with what it will do. */
record UnitImportPlan(int index, UUID id, String code, String name, OrgUnitType type, UUID parentId,
        Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, Outcome outcome) {
}
