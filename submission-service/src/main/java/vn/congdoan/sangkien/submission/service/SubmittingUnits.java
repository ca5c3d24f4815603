package vn.congdoan.sangkien.submission.service;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;

/**
 * Initiatives are submitted through a grassroots union or a direct-superior union (where members belong), which must
 * belong to a province and be in force on the day of submission (in Vietnam).
 */
public final class SubmittingUnits {

    private SubmittingUnits() {
    }

    /** @return why {@code unit} cannot take initiatives on {@code day}, or {@code null} when it can */
    public static String problem(UUID unitId, OrgUnitReplicaCache.Unit unit, LocalDate day) {
        if (unit == null) {
            return "Unit " + unitId + " is not known";
        }
        if (unit.type() != OrgUnitType.GRASSROOTS && unit.type() != OrgUnitType.DIRECT_SUPERIOR) {
            return "Initiatives are submitted through a grassroots or direct-superior union; " + unit.code() + " is a "
                    + unit.type();
        }
        if (unit.provinceId() == null) {
            return "Unit " + unit.code() + " belongs to no provincial federation";
        }
        if (!unit.activeOn(day)) {
            return "Unit " + unit.code() + " is not in force on " + day;
        }
        return null;
    }
}
