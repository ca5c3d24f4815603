package vn.congdoan.sangkien.submission.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

public record InitiativeView(UUID id, String programmeCode, String title, String problem, String solution,
        String expectedBenefit, InitiativeField field, UUID unitId, UUID provinceId, Visibility visibility,
        InitiativeStatus status, String externalRef, List<CreateInitiativeRequest.AuthorDto> authors,
        Instant submittedAt, Instant createdAt, Instant updatedAt, long version) {

    static InitiativeView of(Initiative i) {
        return new InitiativeView(i.id, i.programmeCode, i.title, i.problem, i.solution, i.expectedBenefit, i.field,
                i.unitId, i.provinceId, i.visibility, i.status, i.externalRef,
                i.authors.stream().map(a -> new CreateInitiativeRequest.AuthorDto(a.memberId, a.displayName)).toList(),
                i.submittedAt, i.createdAt, i.updatedAt, i.version);
    }
}
