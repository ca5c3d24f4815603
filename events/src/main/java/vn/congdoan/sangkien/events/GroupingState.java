package vn.congdoan.sangkien.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Value of {@link Topics#GROUPINGS}: the whole current state of one region or emulation cluster, with every
 * membership it ever had (each effective-dated), so that consumers answer "who was in it on day X".
 *
 * @param validFrom first day in force; {@code null} when in force since before the system's records
 * @param validTo   first day no longer in force; {@code null} while in force
 */
public record GroupingState(
        UUID id,
        String code,
        String name,
        GroupingKind kind,
        LocalDate validFrom,
        LocalDate validTo,
        List<Member> members,
        long version) {

    /** A unit's membership, from {@code validFrom} (inclusive) to {@code validTo} (exclusive; open when null). */
    public record Member(UUID unitId, LocalDate validFrom, LocalDate validTo) {
    }
}
