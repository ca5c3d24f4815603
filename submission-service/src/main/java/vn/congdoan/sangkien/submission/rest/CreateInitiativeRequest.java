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

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.service.NewInitiative;

@Schema(description = "A new initiative, saved as a draft or submitted at once")
public record CreateInitiativeRequest(
        @Schema(example = "1-trieu-sang-kien") @NotBlank @Size(max = 64) String programmeCode,
        @Schema(example = "Tự động hóa khâu bốc xếp tại cảng Vũng Áng") @NotBlank @Size(max = 300) String title,
        @Schema(example = "Bốc xếp thủ công chậm, công nhân dễ bị chấn thương")
        @NotBlank @Size(max = 20_000) String problem,
        @Schema(example = "Lắp băng chuyền và cần trục điều khiển từ xa")
        @NotBlank @Size(max = 20_000) String solution,
        @Schema(example = "Giảm 30% thời gian bốc xếp, không còn tai nạn lao động")
        @NotBlank @Size(max = 20_000) String expectedBenefit,
        @NotNull InitiativeField field,
        @Schema(description = "The grassroots union it is submitted through") @NotNull UUID unitId,
        @Schema(description = "PUBLIC when left out") Visibility visibility,
        @Schema(description = "The provincial system's id: only its administrators and integration may set it",
                example = "HT-2025-00123") @Size(max = 100) String externalRef,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull AuthorDto> authors,
        @Size(max = 20) List<@Valid @NotNull AttachmentDto> attachments,
        @Schema(description = "true submits it at once; false saves a draft its authors may still edit or delete")
        boolean submit) {

    public record AuthorDto(
            @Schema(description = "The member's id (the sub of their token)", example = "m-0912345678")
            @NotBlank @Size(max = 100) String memberId,
            @Schema(example = "Nguyễn Thị Lan") @NotBlank @Size(max = 200) String displayName) {
    }

    /** A file's metadata: the file stays in the submitter's document store. */
    public record AttachmentDto(
            @NotBlank @Size(max = 255) String name,
            @NotNull @PositiveOrZero @Max(MAX_ATTACHMENT_BYTES) Long size,
            @NotBlank @Size(max = 255)
            @Pattern(regexp = "[\\w.+-]+/[\\w.+-]+", message = "{sangkien.media-type}")
            String mediaType,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "{sangkien.sha256}") String sha256) {

        /** The metadata as stored, its digest in lower case whichever case was sent. */
        Initiative.Attachment toAttachment() {
            return new Initiative.Attachment(name, size, mediaType, sha256.toLowerCase(Locale.ROOT));
        }
    }

    /** 2 GiB: larger files belong in the document store's own transfer channel. */
    public static final long MAX_ATTACHMENT_BYTES = 2L << 30;

    /** @param confirmed whether an author listed here is confirmed (see {@link Initiative.Author#confirmed}) */
    NewInitiative toCommand(Predicate<String> confirmed) {
        return new NewInitiative(programmeCode, title.strip(), problem, solution, expectedBenefit, field, unitId,
                visibility == null ? Visibility.PUBLIC : visibility, externalRef,
                authors.stream().map(a -> new Initiative.Author(a.memberId(), a.displayName(),
                        confirmed.test(a.memberId()))).toList(),
                attachments == null ? List.of() : attachments.stream().map(AttachmentDto::toAttachment).toList(),
                submit);
    }
}
