package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.orgunit.service.ImportReport.Outcome;

/**
 * A row of a unit import that passed every check, with what it will do.
 *
 * @param validFrom the unit's first day in force: the row's for a new unit, the stored one for an existing unit
 * @param validTo   the first day no longer in force the unit will have ({@code null}: none)
 * @param sector    the sector the row gives ({@code null}: the unit keeps its own)
 */
record UnitImportPlan(int index, UUID id, String code, String name, OrgUnitType type, UUID parentId,
        Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, LocalDate validTo, UnitSector sector,
        Outcome outcome) {
}
