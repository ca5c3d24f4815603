package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import vn.congdoan.sangkien.orgunit.service.DateInRange;

/** A unit joining a grouping; without {@code validFrom} the membership starts with the grouping. */
public record GroupingMemberRequest(@NotNull UUID unitId, @DateInRange LocalDate validFrom) {
}
