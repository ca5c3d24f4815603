package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

import vn.congdoan.sangkien.orgunit.service.DateInRange;

/** {@code validTo}: the first day the membership no longer applies. */
public record GroupingMembershipEndRequest(@NotNull @DateInRange LocalDate validTo) {
}
