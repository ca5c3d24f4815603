package vn.congdoan.sangkien.submission.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.rest.CreateInitiativeRequest.AttachmentDto;
import vn.congdoan.sangkien.submission.rest.CreateInitiativeRequest.AuthorDto;
import vn.congdoan.sangkien.submission.service.InitiativeEdit;

/**
 * The content of an initiative as its authors edit it: the whole of it, as {@code PUT} replaces it. Its unit,
 * programme and provincial system's id stay as they were; {@code authors} and {@code attachments} left out keep what
 * is stored.
 */
@Schema(description = "The new content of a draft or submitted initiative")
public record EditInitiativeRequest(
        @Schema(example = "Tự động hóa khâu bốc xếp tại cảng Vũng Áng") @NotBlank @Size(max = 300) String title,
        @Schema(example = "Bốc xếp thủ công chậm, công nhân dễ bị chấn thương")
        @NotBlank @Size(max = 20_000) String problem,
        @Schema(example = "Lắp băng chuyền và cần trục điều khiển từ xa")
        @NotBlank @Size(max = 20_000) String solution,
        @Schema(example = "Giảm 30% thời gian bốc xếp, không còn tai nạn lao động")
        @NotBlank @Size(max = 20_000) String expectedBenefit,
        @NotNull InitiativeField field,
        Visibility visibility,
        @Size(min = 1, max = 20) List<@Valid @NotNull AuthorDto> authors,
        @Size(max = 20) List<@Valid @NotNull AttachmentDto> attachments) {

    InitiativeEdit toEdit() {
        return new InitiativeEdit(title.strip(), problem, solution, expectedBenefit, field,
                visibility == null ? Visibility.PUBLIC : visibility,
                authors == null ? null : authors.stream().map(a -> new InitiativeEdit.Author(a.memberId(),
                        a.displayName())).toList(),
                attachments == null ? null : attachments.stream().map(AttachmentDto::toAttachment).toList());
    }
}
