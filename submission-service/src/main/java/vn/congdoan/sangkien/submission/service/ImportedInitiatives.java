package vn.congdoan.sangkien.submission.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;

/**
 * What a row of a bulk import does to an initiative, as plain rules: the initiative it creates, whether it differs
 * from the stored one and how it updates it (content a row leaves empty, {@code withheld}, keeps what is stored), and
 * what it may not change of content the importer may not read.
 */
final class ImportedInitiatives {

    private ImportedInitiatives() {
    }

    static Initiative create(NewInitiative values, OrgUnitReplica province, Instant now) {
        Initiative initiative = new Initiative();
        initiative.id = UUID.randomUUID();
        initiative.programmeCode = values.programmeCode();
        initiative.title = values.title();
        initiative.problem = values.problem();
        initiative.solution = values.solution();
        initiative.expectedBenefit = values.expectedBenefit();
        initiative.field = values.field();
        initiative.unitId = values.unitId();
        initiative.provinceId = province.id;
        initiative.visibility = values.visibility() == null ? Visibility.PUBLIC : values.visibility();
        initiative.externalRef = values.externalRef();
        initiative.authors = new ArrayList<>(values.authors());
        initiative.attachments = values.attachments() == null ? new ArrayList<>() : new ArrayList<>(values.attachments());
        initiative.submittedBy = values.authors().get(0).memberId;
        initiative.status = values.submit() ? InitiativeStatus.SUBMITTED : InitiativeStatus.DRAFT;
        initiative.submittedAt = values.submit() ? now : null;
        initiative.createdAt = now;
        initiative.updatedAt = now;
        return initiative;
    }

    /**
     * What a row may not change of an initiative whose content the importer may not read: lowering its visibility
     * would open its content to others, replacing its authors would hand it (and its content) to someone else.
     */
    static FieldError opensOrTakesOver(Initiative current, NewInitiative values, Set<String> withheld) {
        if (!withheld.contains("visibility") && values.visibility().ordinal() < current.visibility.ordinal()) {
            return new FieldError("visibility", "cannot be lowered from " + current.visibility + " by an import that "
                    + "may not read the initiative's content");
        }
        if (!withheld.contains("authors") && !sameAuthors(current.authors, values.authors())) {
            return new FieldError("authors", "cannot be changed by an import that may not read the initiative's "
                    + "content; leave them empty to keep them");
        }
        return null;
    }

    static boolean differs(Initiative current, NewInitiative values, Set<String> withheld) {
        return !current.programmeCode.equals(values.programmeCode())
                || !current.title.equals(values.title())
                || !withheld.contains("problem") && !current.problem.equals(values.problem())
                || !withheld.contains("solution") && !current.solution.equals(values.solution())
                || !withheld.contains("expectedBenefit") && !current.expectedBenefit.equals(values.expectedBenefit())
                || current.field != values.field()
                || !current.unitId.equals(values.unitId())
                || !withheld.contains("visibility") && current.visibility != values.visibility()
                || !withheld.contains("authors") && !sameAuthors(current.authors, values.authors())
                || values.attachments() != null && !InitiativeEdit.sameAttachments(current.attachments, values.attachments());
    }

    static void update(Initiative current, NewInitiative values, Set<String> withheld) {
        current.programmeCode = values.programmeCode();
        current.title = values.title();
        if (!withheld.contains("problem")) {
            current.problem = values.problem();
        }
        if (!withheld.contains("solution")) {
            current.solution = values.solution();
        }
        if (!withheld.contains("expectedBenefit")) {
            current.expectedBenefit = values.expectedBenefit();
        }
        current.field = values.field();
        current.unitId = values.unitId();
        if (!withheld.contains("visibility")) {
            current.visibility = values.visibility();
        }
        if (!withheld.contains("authors") && !sameAuthors(current.authors, values.authors())) {
            current.authors.clear();
            current.authors.addAll(values.authors());
        }
        if (values.attachments() != null && !InitiativeEdit.sameAttachments(current.attachments, values.attachments())) {
            current.attachments.clear();
            current.attachments.addAll(values.attachments());
        }
    }

    private static boolean sameAuthors(List<Initiative.Author> a, List<Initiative.Author> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).memberId, b.get(i).memberId)
                    || !Objects.equals(a.get(i).displayName, b.get(i).displayName)) {
                return false;
            }
        }
        return true;
    }

}
