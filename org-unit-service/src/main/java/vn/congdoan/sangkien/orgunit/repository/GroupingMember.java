package vn.congdoan.sangkien.orgunit.repository;

import java.time.LocalDate;
import java.util.UUID;

/** A unit in a grouping, with the unit's code and name and the dates of this membership. */
public record GroupingMember(UUID unitId, String code, String name, LocalDate validFrom, LocalDate validTo) {
}
