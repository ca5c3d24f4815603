package vn.congdoan.sangkien.submission.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;
import vn.congdoan.sangkien.submission.service.PastRecord.Outcome;

/**
 * The rules of an import row's past ({@link PastRecord}), as plain checks: who may state an outcome, which fields go
 * with which outcome, and that every date lies in the past, within the programme, and not before the submission.
 * Without an outcome, {@code endedAt} and {@code duplicateOf} are not read (an export carries them beside its
 * status); the review's fields are refused.
 */
final class PastRules {

    static final String TRUSTED_ONLY = "is taken only from the province's API key or its administrators";

    private PastRules() {
    }

    /**
     * @param trusted     whether the importer may state the council's outcome (the province's API key, its
     *                    administrators)
     * @param submittedAt when the initiative counts as submitted once the row is applied: the row's, the stored one,
     *                    or the import's time
     * @param programme   the row's programme; {@code null} when it does not exist (the caller reports that)
     * @return the row's errors, by field, in the order of its fields
     */
    static List<FieldError> problems(PastRecord past, boolean submit, boolean trusted, Instant now,
            Programmes.Programme programme, Instant submittedAt) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewedAt", past.reviewedAt());
        review.put("noveltyScore", past.noveltyScore());
        review.put("feasibilityScore", past.feasibilityScore());
        review.put("effectivenessScore", past.effectivenessScore());
        review.put("estimatedBenefitVnd", past.estimatedBenefitVnd());
        Outcome outcome = past.outcome();
        if (!trusted) {
            if (outcome != null) {
                errors.add(new FieldError("outcome", TRUSTED_ONLY));
            }
            review.forEach((field, value) -> {
                if (value != null) {
                    errors.add(new FieldError(field, TRUSTED_ONLY));
                }
            });
            return errors;
        }
        if (outcome == null || !outcome.decision()) {
            review.forEach((field, value) -> {
                if (value != null) {
                    errors.add(new FieldError(field, "goes only with outcome RECOGNIZED or NOT_RECOGNIZED"));
                }
            });
        }
        if (outcome != null) {
            if (outcome.decision() && past.reviewedAt() == null) {
                errors.add(new FieldError("reviewedAt", "is required with outcome " + outcome));
            }
            if (outcome.decision() && past.endedAt() != null) {
                errors.add(new FieldError("endedAt", "goes only with outcome WITHDRAWN or DUPLICATE"));
            }
            if (!outcome.decision() && past.endedAt() == null) {
                errors.add(new FieldError("endedAt", "is required with outcome " + outcome + ": when it happened"));
            }
            if (outcome == Outcome.DUPLICATE && (past.duplicateOf() == null || past.duplicateOf().isBlank())) {
                errors.add(new FieldError("duplicateOf", "is required with outcome DUPLICATE: the externalRef of "
                        + "the original"));
            }
            if (outcome != Outcome.DUPLICATE && past.duplicateOf() != null) {
                errors.add(new FieldError("duplicateOf", "goes only with outcome DUPLICATE"));
            }
        }
        if (!submit && (past.submittedAt() != null || outcome != null)) {
            errors.add(new FieldError("submit", "must be true for a row that carries submittedAt or an outcome"));
        }
        date(errors, "submittedAt", past.submitted(), now, programme);
        if (outcome != null) {
            Instant reviewed = outcome.decision() ? past.reviewed() : null;
            date(errors, "reviewedAt", reviewed, now, programme);
            if (reviewed != null && submittedAt != null && reviewed.isBefore(submittedAt)) {
                errors.add(new FieldError("reviewedAt", "is before the submission (" + submittedAt + ")"));
            }
            Instant ended = outcome.decision() ? null : past.ended();
            date(errors, "endedAt", ended, now, programme);
            if (ended != null && submittedAt != null && ended.isBefore(submittedAt)) {
                errors.add(new FieldError("endedAt", "is before the submission (" + submittedAt + ")"));
            }
        }
        return errors;
    }

    /** A date of the row: not in the future, and within the programme's days (in Vietnam). */
    private static void date(List<FieldError> errors, String field, Instant time, Instant now,
            Programmes.Programme programme) {
        if (time == null) {
            return;
        }
        if (time.isAfter(now)) {
            errors.add(new FieldError(field, "is in the future (now is " + now + ")"));
            return;
        }
        LocalDate day = LocalDate.ofInstant(time, InitiativeService.VIETNAM);
        if (programme != null && day.isBefore(programme.startDate())) {
            errors.add(new FieldError(field, "is before programme " + programme.code() + " started ("
                    + programme.startDate() + ")"));
        } else if (programme != null && programme.endDate() != null && day.isAfter(programme.endDate())) {
            errors.add(new FieldError(field, "is after programme " + programme.code() + " ended ("
                    + programme.endDate() + ")"));
        }
    }
}
