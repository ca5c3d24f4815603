package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

/** {@code validTo}: the first day the membership no longer applies. */
public record GroupingMembershipEndRequest(@NotNull LocalDate validTo) {
}
