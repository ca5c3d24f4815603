package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;

/** A rename (from {@code effectiveFrom}) and/or a new member count; {@code null} leaves a value as it is. */
public record UnitUpdate(String name, LocalDate effectiveFrom, Integer memberCount, LocalDate memberCountAsOf) {
}
