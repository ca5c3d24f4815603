package vn.congdoan.sangkien.submission.service;

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
}
