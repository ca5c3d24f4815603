package vn.congdoan.sangkien.submission.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;

/**
 * What a row of a bulk import does to an initiative, as plain rules: the initiative it creates, whether it differs
 * from the stored one and how it updates it (content a row leaves empty, {@code withheld}, keeps what is stored), and
 * what it may not change of content the importer may not read.
 */
final class ImportedInitiatives {

    private ImportedInitiatives() {
    }

    /**
     * @param past       the row's past, already checked ({@link PastRules})
     * @param originalId for a DUPLICATE, the initiative it repeats
     * @param importedBy the importer's credential, as the audit names it
     */
    static Initiative create(NewInitiative values, PastRecord past, UUID originalId, OrgUnitReplica province,
            Instant now, String importedBy) {
        Initiative initiative = values.draft(province.id, now);
        initiative.submittedBy = values.authors().get(0).memberId;
        if (values.submit()) {
            initiative.status = InitiativeStatus.SUBMITTED;
            initiative.submittedAt = now;
        }
        applyPast(initiative, past, originalId);
        imported(initiative, importedBy, now);
        return initiative;
    }

    static void imported(Initiative initiative, String importedBy, Instant now) {
        initiative.imported = true;
        initiative.importedBy = importedBy;
        initiative.importedAt = now;
    }

    /** The status a row's outcome gives, or {@code null} when it states none. */
    static InitiativeStatus statusOf(PastRecord past) {
        return past.outcome() == null ? null : InitiativeStatus.valueOf(past.outcome().name());
    }

    /** Whether the row's past differs from what is stored; fields it leaves out keep what is stored. */
    static boolean pastDiffers(Initiative current, PastRecord past, UUID originalId) {
        if (past.submitted() != null && !past.submitted().equals(current.submittedAt)) {
            return true;
        }
        InitiativeStatus status = statusOf(past);
        if (status == null) {
            return false;
        }
        if (current.status != status) {
            return true;
        }
        return switch (past.outcome()) {
            case RECOGNIZED, NOT_RECOGNIZED -> current.reviewDecision != status
                    || !Objects.equals(current.reviewedAt, past.reviewed())
                    || !Objects.equals(current.noveltyScore, past.noveltyScore())
                    || !Objects.equals(current.feasibilityScore, past.feasibilityScore())
                    || !Objects.equals(current.effectivenessScore, past.effectivenessScore())
                    || !Objects.equals(current.estimatedBenefitVnd, past.estimatedBenefitVnd());
            case WITHDRAWN -> !Objects.equals(current.endedAt, past.ended());
            case DUPLICATE -> !Objects.equals(current.endedAt, past.ended())
                    || !Objects.equals(current.duplicateOf, originalId);
        };
    }

    /**
     * Records the row's past as the provincial system knew it. A decision replaces the review (its scores where
     * known); an end keeps the decision before it, so that a recognised initiative stays recognised from its day.
     */
    static void applyPast(Initiative initiative, PastRecord past, UUID originalId) {
        if (past.submitted() != null) {
            initiative.submittedAt = past.submitted();
        }
        InitiativeStatus status = statusOf(past);
        if (status == null) {
            return;
        }
        initiative.status = status;
        switch (past.outcome()) {
            case RECOGNIZED, NOT_RECOGNIZED -> {
                initiative.reviewDecision = status;
                initiative.reviewedAt = past.reviewed();
                initiative.reviewedBy = null;
                initiative.noveltyScore = past.noveltyScore();
                initiative.feasibilityScore = past.feasibilityScore();
                initiative.effectivenessScore = past.effectivenessScore();
                initiative.estimatedBenefitVnd = past.estimatedBenefitVnd();
            }
            case WITHDRAWN -> initiative.endedAt = past.ended();
            case DUPLICATE -> {
                initiative.endedAt = past.ended();
                initiative.duplicateOf = originalId;
            }
        }
    }

    /** The one event of a row: named after the move it made, or an update. */
    static InitiativeEvent.Type eventType(InitiativeStatus before, InitiativeStatus after) {
        if (before == after) {
            return InitiativeEvent.Type.UPDATED;
        }
        return switch (after) {
            case DRAFT -> InitiativeEvent.Type.CREATED;
            case SUBMITTED -> InitiativeEvent.Type.SUBMITTED;
            case UNDER_REVIEW -> InitiativeEvent.Type.REVIEW_STARTED;
            case RECOGNIZED, NOT_RECOGNIZED -> InitiativeEvent.Type.REVIEWED;
            case WITHDRAWN -> InitiativeEvent.Type.WITHDRAWN;
            case DUPLICATE -> InitiativeEvent.Type.MARKED_DUPLICATE;
        };
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
                || values.attachments() != null && !current.attachments.equals(values.attachments());
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
        if (values.attachments() != null && !current.attachments.equals(values.attachments())) {
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
