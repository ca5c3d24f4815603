package vn.congdoan.sangkien.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Value of {@link Topics#ORG_UNITS}: the whole current state of one unit, so that the compacted topic alone
 * rebuilds the hierarchy.
 *
 * @param provinceId the provincial federation the unit belongs to (itself for a provincial federation,
 *                   {@code null} for units outside any province)
 * @param validFrom  first day in force; {@code null} when in force since before the system's records
 * @param validTo    first day no longer in force; {@code null} while the unit is in force
 * @param sector     the kind of workplace of a grassroots union; {@code null} when not set, and in events written
 *                   before it existed
 */
public record OrgUnitState(
        UUID id,
        String code,
        String name,
        OrgUnitType type,
        UUID parentId,
        UUID provinceId,
        Integer memberCount,
        LocalDate memberCountAsOf,
        LocalDate validFrom,
        LocalDate validTo,
        UUID successorId,
        long version,
        UnitSector sector) {

    /** A state without a sector, as written before it existed. */
    public OrgUnitState(UUID id, String code, String name, OrgUnitType type, UUID parentId, UUID provinceId,
            Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, LocalDate validTo, UUID successorId,
            long version) {
        this(id, code, name, type, parentId, provinceId, memberCount, memberCountAsOf, validFrom, validTo,
                successorId, version, null);
    }

    public boolean activeOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
    }
}
