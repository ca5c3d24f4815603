package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * The days a unit is in force must lie within its parent's, so that the structure read as of any day has every unit
 * in force that day under a parent in force that day. {@code validFrom} is the first day in force ({@code null}: since
 * before our records), {@code validTo} the first day no longer in force ({@code null}: still in force), as in the
 * {@code org-units.v1} events. Plain rules, shared by the API and the bulk import.
 */
public final class UnitPeriodRules {

    /** A broken rule: the field at fault and why. */
    public record Violation(String field, Text detail) {

        public ProblemException problem() {
            return ProblemException.unprocessable(field, detail);
        }
    }

    private UnitPeriodRules() {
    }

    /**
     * @param parentField the caller's name for the parent ({@code parentId} in the API, {@code parentCode} in a row)
     * @return the first rule the unit breaks, else {@code null}
     */
    public static Violation check(LocalDate validFrom, LocalDate validTo, String parentField, String parentCode,
            LocalDate parentFrom, LocalDate parentTo) {
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            return new Violation("validTo", Text.of("must be after validFrom (" + validFrom + "): validTo is the "
                    + "first day no longer in force", "phải sau validFrom (" + validFrom + "): validTo là ngày đầu "
                    + "tiên không còn hiệu lực"));
        }
        if (parentTo != null && validFrom != null && !validFrom.isBefore(parentTo)) {
            return new Violation(parentField, Text.of("the parent " + parentCode + " ended on " + parentTo
                    + ", before this unit's validFrom (" + validFrom + ")", "đơn vị cấp trên " + parentCode
                    + " đã kết thúc từ " + parentTo + ", trước validFrom của đơn vị này (" + validFrom + ")"));
        }
        if (parentFrom != null && validFrom != null && validFrom.isBefore(parentFrom)) {
            return new Violation("validFrom", Text.of("must not be before " + parentFrom + ", when the parent "
                    + parentCode + " starts", "không được trước " + parentFrom + ", ngày đơn vị cấp trên "
                    + parentCode + " bắt đầu"));
        }
        if (parentTo != null && (validTo == null || validTo.isAfter(parentTo))) {
            return new Violation("validTo", Text.of("must not be after " + parentTo + ", when the parent "
                    + parentCode + " ends: a unit cannot outlive its parent", "không được sau " + parentTo
                    + ", ngày đơn vị cấp trên " + parentCode + " kết thúc: đơn vị không thể tồn tại lâu hơn cấp trên"));
        }
        return null;
    }
}
