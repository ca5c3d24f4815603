package vn.congdoan.sangkien.submission.rest;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.service.NewInitiative;

public record CreateInitiativeRequest(
        @NotBlank @Size(max = 64) String programmeCode,
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 20_000) String problem,
        @NotBlank @Size(max = 20_000) String solution,
        @NotBlank @Size(max = 20_000) String expectedBenefit,
        @NotNull InitiativeField field,
        @NotNull UUID unitId,
        Visibility visibility,
        @Size(max = 100) String externalRef,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull AuthorDto> authors,
        @Size(max = 20) List<@Valid @NotNull AttachmentDto> attachments,
        boolean submit) {

    public record AuthorDto(@NotBlank @Size(max = 100) String memberId, @NotBlank @Size(max = 200) String displayName) {
    }

    /** A file's metadata: the file stays in the submitter's document store. */
    public record AttachmentDto(
            @NotBlank @Size(max = 255) String name,
            @NotNull @PositiveOrZero @Max(MAX_ATTACHMENT_BYTES) Long size,
            @NotBlank @Size(max = 255)
            @Pattern(regexp = "[\\w.+-]+/[\\w.+-]+", message = "{sangkien.media-type}")
            String mediaType,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "{sangkien.sha256}") String sha256) {
    }

    /** 2 GiB: larger files belong in the document store's own transfer channel. */
    public static final long MAX_ATTACHMENT_BYTES = 2L << 30;

    /** @param confirmed whether an author listed here is confirmed (see {@link Initiative.Author#confirmed}) */
    NewInitiative toCommand(Predicate<String> confirmed) {
        return new NewInitiative(programmeCode, title.strip(), problem, solution, expectedBenefit, field, unitId,
                visibility == null ? Visibility.PUBLIC : visibility, externalRef,
                authors.stream().map(a -> new Initiative.Author(a.memberId(), a.displayName(),
                        confirmed.test(a.memberId()))).toList(),
                attachments == null ? List.of() : attachments.stream().map(a -> new Initiative.Attachment(a.name(),
                        a.size(), a.mediaType(), a.sha256().toLowerCase(Locale.ROOT))).toList(),
                submit);
    }
}
