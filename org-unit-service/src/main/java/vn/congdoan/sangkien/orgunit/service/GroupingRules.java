package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.Grouping;
import vn.congdoan.sangkien.orgunit.GroupingMembership;
import vn.congdoan.sangkien.orgunit.OrgUnit;

/**
 * Effective dating of groupings and their memberships. A period runs from {@code from} (inclusive) to {@code to}
 * (exclusive); an empty {@code from} reaches back before the records, an empty {@code to} is still open.
 */
public final class GroupingRules {

    private GroupingRules() {
    }

    public static boolean inForce(LocalDate from, LocalDate to, LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || day.isBefore(to));
    }

    public static boolean overlaps(LocalDate from1, LocalDate to1, LocalDate from2, LocalDate to2) {
        return (to1 == null || from2 == null || from2.isBefore(to1))
                && (to2 == null || from1 == null || from1.isBefore(to2));
    }

    /** @throws ProblemException 422 naming {@code field} when {@code to} is not after {@code from} */
    public static void checkEnd(String field, LocalDate from, LocalDate to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.unprocessable(field, Text.of(field + " must be after " + from
                    + " (periods end on the first day they no longer apply)", field + " phải sau " + from
                    + " (một giai đoạn kết thúc vào ngày đầu tiên nó không còn áp dụng)"));
        }
    }

    /**
     * Whether {@code unit} may join {@code grouping} from {@code validFrom} (null: since before the records).
     *
     * @throws ProblemException 422 when the dates fall outside the grouping or the unit, 409 when the unit is
     *                          already a member during part of the new period
     */
    public static void checkNewMembership(Grouping grouping, OrgUnit unit, LocalDate validFrom) {
        if (grouping.validTo != null && (validFrom == null || !validFrom.isBefore(grouping.validTo))) {
            throw ProblemException.unprocessable("validFrom", Text.of("Grouping " + grouping.code + " ends on "
                    + grouping.validTo + "; a membership must start before that", "Nhóm " + grouping.code
                    + " kết thúc ngày " + grouping.validTo + "; tư cách thành viên phải bắt đầu trước ngày đó"));
        }
        if (grouping.validFrom != null && (validFrom == null || validFrom.isBefore(grouping.validFrom))) {
            throw ProblemException.unprocessable("validFrom", Text.of("Grouping " + grouping.code + " starts on "
                    + grouping.validFrom + "; a membership cannot start earlier", "Nhóm " + grouping.code
                    + " bắt đầu ngày " + grouping.validFrom + "; tư cách thành viên không thể bắt đầu sớm hơn"));
        }
        if (unit.validTo != null && (validFrom == null || !validFrom.isBefore(unit.validTo))) {
            throw ProblemException.unprocessable("unitId", Text.of("Unit " + unit.code + " is no longer in force "
                    + "from " + unit.validTo, "Đơn vị " + unit.code + " hết hiệu lực từ " + unit.validTo));
        }
        if (unit.validFrom != null && (validFrom == null || validFrom.isBefore(unit.validFrom))) {
            throw ProblemException.unprocessable("validFrom", Text.of("Unit " + unit.code + " is in force only from "
                    + unit.validFrom, "Đơn vị " + unit.code + " chỉ có hiệu lực từ " + unit.validFrom));
        }
        for (GroupingMembership existing : grouping.memberships) {
            if (existing.unitId.equals(unit.id) && overlaps(existing.validFrom, existing.validTo, validFrom, null)) {
                throw ProblemException.conflict("unitId", Text.of("Unit " + unit.code + " is already a member of "
                        + grouping.code + " " + describe(existing), "Đơn vị " + unit.code + " đã là thành viên của "
                        + grouping.code + " " + describe(existing)));
            }
        }
    }

    private static String describe(GroupingMembership m) {
        return (m.validFrom == null ? "since before the records" : "from " + m.validFrom)
                + (m.validTo == null ? "" : " until " + m.validTo);
    }
}
