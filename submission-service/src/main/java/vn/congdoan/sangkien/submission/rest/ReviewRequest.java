package vn.congdoan.sangkien.submission.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.service.Review;

/** The evaluation council's assessment of an initiative under review. */
public record ReviewRequest(
        @NotNull @Min(1) @Max(10) Integer novelty,
        @NotNull @Min(1) @Max(10) Integer feasibility,
        @NotNull @Min(1) @Max(10) Integer effectiveness,
        @NotNull Decision decision,
        @NotNull @PositiveOrZero Long estimatedBenefitVnd,
        @Size(max = 5_000) String comment) {

    public enum Decision {
        RECOGNIZED,
        NOT_RECOGNIZED
    }

    Review toReview() {
        return new Review(novelty, feasibility, effectiveness, InitiativeStatus.valueOf(decision.name()),
                estimatedBenefitVnd, comment);
    }
}
