package vn.congdoan.sangkien.submission.service;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.submission.Initiative;

/**
 * What an initiative marked as a duplicate may point at, through the API or a province's import: one of the same
 * programme that counts (not a draft, not withdrawn, not itself a duplicate).
 */
final class Duplicates {

    private Duplicates() {
    }

    /**
     * @param name how the caller named the original (its id, or the provincial system's id)
     * @return why {@code original} cannot be the original of a duplicate in {@code programmeCode}, or {@code null}
     */
    static Text originalProblem(String name, Initiative original, String programmeCode) {
        if (original.status == InitiativeStatus.DUPLICATE) {
            return Text.of("Initiative " + name + " is itself a duplicate of " + original.duplicateOf
                    + "; point at that one", "Sáng kiến " + name + " đã là bản trùng của " + original.duplicateOf
                    + "; hãy trỏ tới sáng kiến đó");
        }
        if (original.status == InitiativeStatus.DRAFT) {
            return Text.of("Initiative " + name + " is a draft", "Sáng kiến " + name + " mới là bản nháp");
        }
        if (original.status == InitiativeStatus.WITHDRAWN) {
            return Text.of("Initiative " + name + " was withdrawn and no longer counts; a duplicate points at an "
                    + "initiative that does", "Sáng kiến " + name + " đã bị rút và không còn được tính; bản trùng "
                    + "phải trỏ tới sáng kiến còn được tính");
        }
        if (!original.programmeCode.equals(programmeCode)) {
            return Text.of("The original belongs to programme " + original.programmeCode + ", this initiative to "
                    + programmeCode, "Sáng kiến gốc thuộc chương trình " + original.programmeCode
                    + ", sáng kiến này thuộc " + programmeCode);
        }
        return null;
    }
}
