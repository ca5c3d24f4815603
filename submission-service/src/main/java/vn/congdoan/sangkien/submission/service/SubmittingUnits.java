package vn.congdoan.sangkien.submission.service;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Initiatives are submitted through a grassroots union or a direct-superior union (where members belong), which must
 * belong to a province and be in force on the day of submission (in Vietnam).
 */
public final class SubmittingUnits {

    private SubmittingUnits() {
    }

    /** @return why {@code unit} cannot take initiatives on {@code day}, or {@code null} when it can */
    public static Text problem(UUID unitId, OrgUnitReplicaCache.Unit unit, LocalDate day) {
        if (unit == null) {
            return Text.of("Unit " + unitId + " is not known", "Không có đơn vị " + unitId);
        }
        if (unit.type() != OrgUnitType.GRASSROOTS && unit.type() != OrgUnitType.DIRECT_SUPERIOR) {
            return Text.of("Initiatives are submitted through a grassroots or direct-superior union; " + unit.code()
                    + " is a " + unit.type(), "Sáng kiến được gửi qua công đoàn cơ sở hoặc công đoàn cấp trên trực tiếp "
                    + "cơ sở; " + unit.code() + " là " + unit.type());
        }
        if (unit.provinceId() == null) {
            return Text.of("Unit " + unit.code() + " belongs to no provincial federation", "Đơn vị " + unit.code()
                    + " không thuộc liên đoàn lao động tỉnh, thành phố nào");
        }
        if (!unit.activeOn(day)) {
            return Text.of("Unit " + unit.code() + " is not in force on " + day, "Đơn vị " + unit.code()
                    + " không còn hiệu lực vào ngày " + day);
        }
        return null;
    }
}
