package vn.congdoan.sangkien.submission.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import row may tell of an initiative's past in the provincial system: when it was submitted, and the
 * evaluation council's outcome or its end. Absent fields keep what is stored; see {@link PastRules} for the rules.
 */
@Schema(name = "InitiativePastRecord", description = "History an import row may carry: the original submission time "
        + "and, from the province's API key or its administrators only, the outcome")
public record PastRecord(
        @Schema(description = "When it was submitted in the provincial system (ISO date-time with offset)",
                example = "2021-10-05T08:00:00+07:00") OffsetDateTime submittedAt,
        @Schema(description = "The outcome: RECOGNIZED or NOT_RECOGNIZED with reviewedAt; WITHDRAWN with endedAt; "
                + "DUPLICATE with duplicateOf and endedAt") Outcome outcome,
        @Schema(description = "When the evaluation council decided", example = "2022-03-15T09:00:00+07:00")
        OffsetDateTime reviewedAt,
        @Schema(description = "The council's novelty score, where known") @Min(1) @Max(10) Integer noveltyScore,
        @Schema(description = "The council's feasibility score, where known") @Min(1) @Max(10)
        Integer feasibilityScore,
        @Schema(description = "The council's effectiveness score, where known") @Min(1) @Max(10)
        Integer effectivenessScore,
        @Schema(description = "The benefit the council estimated, in đồng, where known") @PositiveOrZero
        Long estimatedBenefitVnd,
        @Schema(description = "When it was withdrawn or marked a duplicate", example = "2022-05-02T10:00:00+07:00")
        OffsetDateTime endedAt,
        @Schema(description = "For DUPLICATE: the externalRef of the original, in the same province",
                example = "HT-2021-0042") @Size(max = 100) String duplicateOf) {

    /** The field names of a row that belong to its past, not to its content. */
    public static final List<String> FIELDS = List.of("submittedAt", "outcome", "reviewedAt", "noveltyScore",
            "feasibilityScore", "effectivenessScore", "estimatedBenefitVnd", "endedAt", "duplicateOf");

    public static final PastRecord NONE = new PastRecord(null, null, null, null, null, null, null, null, null);

    /** What the council decided, or how the initiative ended. */
    public enum Outcome {
        RECOGNIZED, NOT_RECOGNIZED, WITHDRAWN, DUPLICATE;

        boolean decision() {
            return this == RECOGNIZED || this == NOT_RECOGNIZED;
        }
    }

    Instant submitted() {
        return instant(submittedAt);
    }

    Instant reviewed() {
        return instant(reviewedAt);
    }

    Instant ended() {
        return instant(endedAt);
    }

    /** Microseconds, as stored: a row sent again compares equal. */
    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
