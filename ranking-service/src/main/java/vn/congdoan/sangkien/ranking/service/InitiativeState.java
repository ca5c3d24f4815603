package vn.congdoan.sangkien.ranking.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;

/**
 * What the standings hold of an initiative: what it counts for under the rule of {@link InitiativeStatus}, on which
 * days, and the version of the last event applied to it.
 * <p>
 * It counts as a submission from the day it was submitted and as recognised from the day the council recognised it,
 * each until the day it ended (withdrawn or marked a duplicate). So its state today and its days agree: it counts
 * today exactly when its status does.
 *
 * @param authorIds    the members counted as its submitters
 * @param submittedAt  when it was first submitted; null for a draft
 * @param recognizedAt when the council recognised it; null unless it was
 * @param endedAt      when it stopped counting; null while it counts
 * @param unitId       the unit it was submitted through; null when its events did not say
 * @param field        its field (lĩnh vực); null when not set
 */
public record InitiativeState(UUID initiativeId, String programmeCode, UUID provinceId, InitiativeStatus status,
        List<String> authorIds, Instant submittedAt, Instant recognizedAt, Instant endedAt, long version, UUID unitId,
        String field) {

    /** A state without its unit and field. */
    public InitiativeState(UUID initiativeId, String programmeCode, UUID provinceId, InitiativeStatus status,
            List<String> authorIds, Instant submittedAt, Instant recognizedAt, Instant endedAt, long version) {
        this(initiativeId, programmeCode, provinceId, status, authorIds, submittedAt, recognizedAt, endedAt, version,
                null, null);
    }

    /** Where an initiative's events lead, and how many of them were newer than what was held. */
    public record Applied(InitiativeState state, int events) {
    }

    /**
     * The days an initiative counts on, in the standings' time zone.
     *
     * @param submitted  the first day it counts as a submission; null when it never did
     * @param recognized the first day it counts as recognised; null when it never did
     * @param ended      the first day it no longer counts; null while it counts
     */
    public record CountedDays(LocalDate submitted, LocalDate recognized, LocalDate ended) {

        static final CountedDays NONE = new CountedDays(null, null, null);
    }

    /** The state an event leads to from nothing. */
    public static InitiativeState of(InitiativeEvent event) {
        return of(null, event);
    }

    /**
     * The state an event leads to from {@code held}. An event written before it carried the days of recognition and
     * end leaves them to be found: the day recognised is the one held, or the event's own, and so is the day ended.
     */
    public static InitiativeState of(InitiativeState held, InitiativeEvent event) {
        InitiativeStatus status = event.status();
        boolean ended = status == InitiativeStatus.WITHDRAWN || status == InitiativeStatus.DUPLICATE;
        Instant submittedAt = event.submittedAt();
        if (submittedAt == null && status.countsAsSubmission()) {
            submittedAt = held != null && held.submittedAt() != null ? held.submittedAt() : event.occurredAt();
        }
        Instant recognizedAt = event.recognizedAt();
        if (recognizedAt == null && (status == InitiativeStatus.RECOGNIZED || ended)) {
            recognizedAt = held != null && held.recognizedAt() != null ? held.recognizedAt()
                    : status == InitiativeStatus.RECOGNIZED ? event.occurredAt() : null;
        }
        if (!status.countsAsRecognized() && !ended) {
            recognizedAt = null;
        }
        Instant endedAt = null;
        if (ended) {
            endedAt = event.endedAt() != null ? event.endedAt()
                    : held != null && held.endedAt() != null ? held.endedAt() : event.occurredAt();
        }
        return new InitiativeState(event.initiativeId(), event.programmeCode(), event.provinceId(), status,
                event.authorIds() == null ? List.of() : event.authorIds(), submittedAt, recognizedAt, endedAt,
                event.version(), event.unitId() != null ? event.unitId() : held != null ? held.unitId() : null,
                event.field() != null ? event.field() : held != null ? held.field() : null);
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
                current = of(current, event);
                applied++;
            }
        }
        return new Applied(current, applied);
    }

    /**
     * The days this state counts on. A state that ends on or before the day it would start counting counts on no
     * day, and a recognition dated before the submission counts from the submission's day.
     */
    public CountedDays days(ZoneId zone) {
        if (submittedAt == null || !(status.countsAsSubmission() || endedAt != null)) {
            return CountedDays.NONE;
        }
        LocalDate submitted = day(submittedAt, zone);
        LocalDate ended = endedAt == null ? null : day(endedAt, zone);
        if (ended != null && !ended.isAfter(submitted)) {
            return CountedDays.NONE;
        }
        LocalDate recognized = recognizedAt == null ? null : max(day(recognizedAt, zone), submitted);
        if (recognized != null && ended != null && !ended.isAfter(recognized)) {
            recognized = null;
        }
        return new CountedDays(submitted, recognized, ended);
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
