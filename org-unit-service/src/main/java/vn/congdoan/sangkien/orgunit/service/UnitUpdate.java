package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;

import vn.congdoan.sangkien.events.UnitSector;

/**
 * A rename (from {@code effectiveFrom}), a new member count and/or a new sector; {@code null} leaves a value as it is.
 */
public record UnitUpdate(String name, LocalDate effectiveFrom, Integer memberCount, LocalDate memberCountAsOf,
        UnitSector sector) {
}
