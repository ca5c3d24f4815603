package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A unit joining a grouping; without {@code validFrom} the membership starts with the grouping. */
public record GroupingMemberRequest(@NotNull UUID unitId, LocalDate validFrom) {
}
