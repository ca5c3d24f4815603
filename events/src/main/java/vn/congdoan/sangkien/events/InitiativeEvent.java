package vn.congdoan.sangkien.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Value of {@link Topics#INITIATIVE_EVENTS}. Each event carries the initiative's counting state after the change,
 * with a version that grows by one per change: a consumer applies an event only when its version is newer than
 * what it holds, so redelivery and replays change nothing.
 *
 * @param eventId    unique per event
 * @param provinceId the provincial federation the initiative counts for
 * @param authorIds  member ids of the authors (the people counted as submitters)
 * @param submittedAt when it was first submitted; {@code null} for drafts
 */
public record InitiativeEvent(
        UUID eventId,
        Type type,
        Instant occurredAt,
        UUID initiativeId,
        long version,
        String programmeCode,
        UUID unitId,
        UUID provinceId,
        InitiativeStatus status,
        List<String> authorIds,
        Instant submittedAt) {

    public enum Type {
        CREATED,
        UPDATED,
        SUBMITTED,
        REVIEW_STARTED,
        RECOGNIZED,
        NOT_RECOGNIZED,
        WITHDRAWN,
        MARKED_DUPLICATE
    }
}
