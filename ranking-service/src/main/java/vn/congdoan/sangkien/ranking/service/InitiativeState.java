package vn.congdoan.sangkien.ranking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;

/**
 * What the standings hold of an initiative: what it counts for under the rule of {@link InitiativeStatus}, and the
 * version of the last event applied to it.
 *
 * @param authorIds   the members counted as its submitters
 * @param submittedAt when it was first submitted; null for a draft
 */
public record InitiativeState(UUID initiativeId, String programmeCode, UUID provinceId, InitiativeStatus status,
        List<String> authorIds, Instant submittedAt, long version) {

    /** Where an initiative's events lead, and how many of them were newer than what was held. */
    public record Applied(InitiativeState state, int events) {
    }

    public static InitiativeState of(InitiativeEvent event) {
        return new InitiativeState(event.initiativeId(), event.programmeCode(), event.provinceId(), event.status(),
                event.authorIds() == null ? List.of() : event.authorIds(), event.submittedAt(), event.version());
    }

    /**
     * Applies the events of one initiative in order, each only when its version is newer than what is held by
     * then: a redelivered or replayed event changes nothing.
     *
     * @param held what is held before them; null for an initiative not seen yet
     */
    public static Applied apply(InitiativeState held, List<InitiativeEvent> events) {
        InitiativeState current = held;
        int applied = 0;
        for (InitiativeEvent event : events) {
            if (current == null || event.version() > current.version()) {
                current = of(event);
                applied++;
            }
        }
        return new Applied(current, applied);
    }
}
