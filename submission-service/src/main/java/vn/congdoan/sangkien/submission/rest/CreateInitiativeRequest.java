package vn.congdoan.sangkien.submission.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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
        boolean submit) {

    public record AuthorDto(@NotBlank @Size(max = 100) String memberId, @NotBlank @Size(max = 200) String displayName) {
    }

    NewInitiative toCommand() {
        return new NewInitiative(programmeCode, title.strip(), problem, solution, expectedBenefit, field, unitId,
                visibility == null ? Visibility.PUBLIC : visibility, externalRef,
                authors.stream().map(a -> new Initiative.Author(a.memberId(), a.displayName())).toList(), submit);
    }
}
