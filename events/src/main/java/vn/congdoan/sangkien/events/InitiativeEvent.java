package vn.congdoan.sangkien.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Value of {@link Topics#INITIATIVE_EVENTS}. Each event carries the initiative's counting state after the change,
 * with a version that grows by one per change: a consumer applies an event only when its version is newer than
 * what it holds, so redelivery and replays change nothing. The key of its record is the provincial federation id,
 * so that the events of one initiative (and of one province) stay in order. It never carries the title or text of
 * an initiative: consumers learn what counts, not what was written.
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
        Instant submittedAt) implements CloudEvent {

    /** What happened, with its JSON and CloudEvents name. */
    public enum Type {
        CREATED("InitiativeCreated"),
        UPDATED("InitiativeUpdated"),
        SUBMITTED("InitiativeSubmitted"),
        REVIEW_STARTED("InitiativeReviewStarted"),
        /** Recognised or not: the status says which. */
        REVIEWED("InitiativeReviewed"),
        WITHDRAWN("InitiativeWithdrawn"),
        MARKED_DUPLICATE("InitiativeMarkedDuplicate"),
        /** A draft its authors deleted: it never counted, and no longer exists. */
        DELETED("InitiativeDeleted");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    @Override
    @JsonIgnore
    public String cloudEventType() {
        return type.wireName();
    }
}
