package vn.congdoan.sangkien.submission.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitiativeView(UUID id, String programmeCode, String title, String problem, String solution,
        String expectedBenefit, InitiativeField field, UUID unitId, UUID provinceId, Visibility visibility,
        InitiativeStatus status, String externalRef, List<CreateInitiativeRequest.AuthorDto> authors,
        Instant submittedAt, Instant createdAt, Instant updatedAt, long version) {

    /** @param content whether the caller may see the problem, solution, benefit and authors */
    static InitiativeView of(Initiative i, boolean content) {
        return new InitiativeView(i.id, i.programmeCode, i.title, content ? i.problem : null,
                content ? i.solution : null, content ? i.expectedBenefit : null, i.field, i.unitId, i.provinceId,
                i.visibility, i.status, i.externalRef,
                content ? i.authors.stream().map(a -> new CreateInitiativeRequest.AuthorDto(a.memberId, a.displayName))
                        .toList() : null,
                i.submittedAt, i.createdAt, i.updatedAt, i.version);
    }
}
