package vn.congdoan.sangkien.submission.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

/**
 * An initiative as a client sees it. Those whose visibility does not allow the content get title, unit, field,
 * status and dates only: problem, solution, benefit, authors, attachments, reviewers and the review are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitiativeView(UUID id, String programmeCode, String title, String problem, String solution,
        String expectedBenefit, InitiativeField field, UUID unitId, UUID provinceId, Visibility visibility,
        InitiativeStatus status, String externalRef, List<AuthorView> authors,
        List<CreateInitiativeRequest.AttachmentDto> attachments, List<String> reviewers, ReviewView review,
        UUID duplicateOf, Instant submittedAt, Instant reviewStartedAt,
        @Schema(description = "When it was withdrawn or marked a duplicate") Instant endedAt,
        Instant createdAt, Instant updatedAt, long version,
        @Schema(description = "true when a province's bulk import wrote it, with its history") Boolean imported,
        @Schema(description = "The credential of the import that last wrote it: apikey:<id> or an administrator's "
                + "member id") String importedBy,
        @Schema(description = "When that import ran") Instant importedAt) {

    /**
     * An author as listed: {@code confirmed} is false for a co-author named by the member who submitted it, until
     * they confirm (only confirmed authors count as submitters).
     */
    public record AuthorView(String memberId, String displayName, Boolean confirmed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewView(Integer novelty, Integer feasibility, Integer effectiveness, InitiativeStatus decision,
            Long estimatedBenefitVnd, String comment, String reviewedBy, Instant reviewedAt) {
    }

    /** This view with what the caller may no longer see left out (an answer given earlier, replayed now). */
    InitiativeView withheld(boolean content, boolean reviewers) {
        return new InitiativeView(id, programmeCode, title, content ? problem : null, content ? solution : null,
                content ? expectedBenefit : null, field, unitId, provinceId, visibility, status, externalRef,
                content ? authors : null, content ? attachments : null,
                reviewers ? this.reviewers : null, content ? review : null, duplicateOf, submittedAt, reviewStartedAt,
                endedAt, createdAt, updatedAt, version, imported, importedBy, importedAt);
    }

    /** @param content whether the caller may see the content */
    static InitiativeView of(Initiative i, boolean content) {
        return of(i, content, content);
    }

    /**
     * @param content whether the caller may see the content
     * @param reviewers whether the caller may see who reviews it: those who see the content, and those who assign
     *     the reviewers
     */
    static InitiativeView of(Initiative i, boolean content, boolean reviewers) {
        return new InitiativeView(i.id, i.programmeCode, i.title, content ? i.problem : null,
                content ? i.solution : null, content ? i.expectedBenefit : null, i.field, i.unitId, i.provinceId,
                i.visibility, i.status, i.externalRef,
                content ? i.authors.stream().map(a -> new AuthorView(a.memberId, a.displayName, a.confirmed)).toList()
                        : null,
                content ? i.attachments.stream().map(a -> new CreateInitiativeRequest.AttachmentDto(a.name(),
                        a.sizeBytes(), a.mediaType(), a.sha256())).toList() : null,
                reviewers ? i.reviewers.stream().map(Initiative.Reviewer::memberId).sorted().toList() : null,
                content && i.reviewedAt != null ? new ReviewView(i.noveltyScore, i.feasibilityScore,
                        i.effectivenessScore, i.reviewDecision, i.estimatedBenefitVnd, i.reviewComment, i.reviewedBy,
                        i.reviewedAt) : null,
                i.duplicateOf, i.submittedAt, i.reviewStartedAt, i.endedAt, i.createdAt, i.updatedAt, i.version,
                i.imported ? Boolean.TRUE : null, i.importedBy, i.importedAt);
    }
}
