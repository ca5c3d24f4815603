package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.ProgrammeTarget;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;

/**
 * The rules of a list of targets that a parent hands down to the units directly below it, checked on the whole list
 * before anything is written: a list with one bad row writes nothing. Rows are named as in a JSON array, {@code [0]}
 * for the first (in a CSV file, the first line after the header).
 */
final class TargetRows {

    /** Far beyond any real target (the whole programme aims at a million), and a sum of them cannot overflow. */
    static final long MAX_TARGET = 1_000_000_000L;

    private TargetRows() {
    }

    /**
     * @param children the units directly below {@code parent} on {@code day}
     * @return one target per row, in the rows' order
     * @throws ProblemException 400 naming {@code [i].unitId} for a row that names no unit, or {@code [i].target} for
     *                          a missing or out-of-range target; 422 naming the row's unit field for a unit that is not
     *                          directly below the parent that day, one listed twice, or an id and a code that disagree
     */
    static List<ProgrammeTarget> resolve(List<TargetRow> rows, UnitAsOf parent, LocalDate day,
            List<UnitAsOf> children) {
        Map<UUID, UnitAsOf> byId = new HashMap<>();
        Map<String, UnitAsOf> byCode = new HashMap<>();
        children.forEach(c -> {
            byId.put(c.id(), c);
            byCode.put(c.code(), c);
        });
        Map<UUID, Integer> seen = new HashMap<>();
        List<ProgrammeTarget> targets = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TargetRow row = rows.get(i);
            String code = row == null || row.unitCode() == null || row.unitCode().isBlank() ? null
                    : row.unitCode().strip();
            if (row == null || row.unitId() == null && code == null) {
                throw ProblemException.badRequest("[" + i + "].unitId", Text.of("row " + (i + 1) + " names no unit: "
                        + "give its unitId or unitCode", "dòng " + (i + 1) + " không nêu đơn vị: hãy ghi unitId hoặc "
                        + "unitCode"));
            }
            String field = "[" + i + "]." + (row.unitId() != null ? "unitId" : "unitCode");
            UnitAsOf child = row.unitId() != null ? byId.get(row.unitId()) : byCode.get(code);
            if (child != null && row.unitId() != null && code != null && !child.code().equals(code)) {
                throw ProblemException.unprocessable("[" + i + "].unitCode", Text.of("row " + (i + 1) + ": unitCode "
                        + code + " is not the code of unit " + row.unitId() + " (" + child.code() + ")", "dòng "
                        + (i + 1) + ": unitCode " + code + " không phải mã của đơn vị " + row.unitId() + " ("
                        + child.code() + ")"));
            }
            if (child == null) {
                String unit = row.unitId() != null ? row.unitId().toString() : code;
                throw ProblemException.unprocessable(field, Text.of("row " + (i + 1) + ": " + unit + " is not a unit "
                        + "directly below " + parent.code() + " on " + day + "; a unit's target is set by the "
                        + "administrators of its parent", "dòng " + (i + 1) + ": " + unit + " không phải đơn vị trực "
                        + "thuộc " + parent.code() + " vào ngày " + day + "; chỉ tiêu của một đơn vị do quản trị viên "
                        + "đơn vị cấp trên trực tiếp giao"));
            }
            if (row.target() == null || row.target() < 0 || row.target() > MAX_TARGET) {
                throw ProblemException.badRequest("[" + i + "].target", Text.of("row " + (i + 1) + ": the target "
                        + "must be a whole number from 0 to " + MAX_TARGET, "dòng " + (i + 1) + ": chỉ tiêu phải là "
                        + "số nguyên từ 0 đến " + MAX_TARGET)).limit("min", 0).limit("max", MAX_TARGET);
            }
            Integer first = seen.putIfAbsent(child.id(), i);
            if (first != null) {
                throw ProblemException.unprocessable(field, Text.of("row " + (i + 1) + ": " + child.code()
                        + " is already listed at [" + first + "]; give each unit one target", "dòng " + (i + 1)
                        + ": " + child.code() + " đã có ở [" + first + "]; mỗi đơn vị chỉ một chỉ tiêu"));
            }
            targets.add(new ProgrammeTarget(child.id(), row.target()));
        }
        return targets;
    }
}
