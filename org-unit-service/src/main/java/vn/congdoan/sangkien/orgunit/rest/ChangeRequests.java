package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.events.UnitSector;

/** Bodies of the operations that change the hierarchy. */
public final class ChangeRequests {

    private ChangeRequests() {
    }

    /** A rename from {@code effectiveFrom} (default today), a new member count and/or a new sector. */
    public record Update(
            @Size(min = 1, max = 300) @Pattern(regexp = ".*\\S.*", message = "{sangkien.not-blank}") String name,
            LocalDate effectiveFrom,
            @PositiveOrZero Integer memberCount,
            LocalDate memberCountAsOf,
            @Schema(description = "The kind of workplace, for the breakdowns by sector; left out, it stays as it is")
            UnitSector sector) {
    }

    /** A unit's member count as counted on {@code memberCountAsOf}. */
    public record MemberCount(
            @Schema(example = "5200") @NotNull @PositiveOrZero Integer memberCount,
            @Schema(description = "The day the members were counted; today in Vietnam when left out")
            LocalDate memberCountAsOf) {
    }

    public record Move(@NotNull UUID parentId, LocalDate effectiveFrom) {
    }

    public record Deactivate(
            @Schema(description = "First day no longer in force; today in Vietnam when left out") LocalDate validTo) {
    }

    /** Units that merge into {@code successorId} from {@code date}. */
    public record Merge(@NotEmpty @Size(max = 100) List<@NotNull UUID> sources, @NotNull UUID successorId,
            @NotNull LocalDate date) {
    }
}
