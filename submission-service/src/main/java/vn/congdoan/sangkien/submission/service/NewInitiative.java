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
}
