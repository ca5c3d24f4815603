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
 * @param submittedAt  when it was first submitted, as the provincial system recorded it for an imported one;
 *                     {@code null} for drafts. It counts as a submission from that day.
 * @param recognizedAt when the evaluation council recognised it; {@code null} unless it was. It counts as recognised
 *                     from that day, until it ends. Absent from events written before it existed.
 * @param endedAt      when it was withdrawn or marked a duplicate; {@code null} while it counts. It stops counting
 *                     that day. Absent from events written before it existed: a consumer takes the day the event
 *                     occurred then.
 * @param field        the initiative's field (lĩnh vực), by its name in submission-service's API, for the breakdowns;
 *                     {@code null} when not set, and in events written before it existed
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
        Instant submittedAt,
        Instant recognizedAt,
        Instant endedAt,
        String field) implements CloudEvent {

    /** An event without the days of recognition and end, as written before they existed. */
    public InitiativeEvent(UUID eventId, Type type, Instant occurredAt, UUID initiativeId, long version,
            String programmeCode, UUID unitId, UUID provinceId, InitiativeStatus status, List<String> authorIds,
            Instant submittedAt) {
        this(eventId, type, occurredAt, initiativeId, version, programmeCode, unitId, provinceId, status, authorIds,
                submittedAt, null, null, null);
    }

    /** An event without the field, as written before it existed. */
    public InitiativeEvent(UUID eventId, Type type, Instant occurredAt, UUID initiativeId, long version,
            String programmeCode, UUID unitId, UUID provinceId, InitiativeStatus status, List<String> authorIds,
            Instant submittedAt, Instant recognizedAt, Instant endedAt) {
        this(eventId, type, occurredAt, initiativeId, version, programmeCode, unitId, provinceId, status, authorIds,
                submittedAt, recognizedAt, endedAt, null);
    }

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
