package vn.congdoan.sangkien.submission.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

/** What a member sends to create an initiative; {@code submit} sends it for counting at once instead of as a draft. */
public record NewInitiative(String programmeCode, String title, String problem, String solution,
        String expectedBenefit, InitiativeField field, UUID unitId, Visibility visibility, String externalRef,
        List<Initiative.Author> authors, List<Initiative.Attachment> attachments, boolean submit) {

    /** Whether a member is listed as an author more than once (an import row may leave the authors out: null). */
    public boolean repeatsAnAuthor() {
        return authors != null && authors.stream().map(a -> a.memberId).distinct().count() < authors.size();
    }

    /**
     * A new draft with these values, counting for {@code provinceId}; a visibility left out is PUBLIC, attachments
     * left out are none. Who submitted it, and whether it is submitted, is for the caller to set.
     */
    Initiative draft(UUID provinceId, Instant now) {
        Initiative initiative = Initiative.newDraft(now);
        initiative.programmeCode = programmeCode;
        initiative.title = title;
        initiative.problem = problem;
        initiative.solution = solution;
        initiative.expectedBenefit = expectedBenefit;
        initiative.field = field;
        initiative.unitId = unitId;
        initiative.provinceId = provinceId;
        initiative.visibility = visibility == null ? Visibility.PUBLIC : visibility;
        initiative.externalRef = externalRef;
        initiative.authors = new ArrayList<>(authors);
        initiative.attachments = attachments == null ? new ArrayList<>() : new ArrayList<>(attachments);
        return initiative;
    }
}
