package vn.congdoan.sangkien.orgunit.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Kind;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Status;

/**
 * A change waiting for its day, or what became of it.
 *
 * @param unitId the unit renamed or moved; the successor of a merge
 * @param change what it does: {@code name}, {@code memberCount}… of a rename, {@code parentId} of a move,
 *               {@code sources} of a merge
 * @param problem why it failed, when it did
 * @param requestedBy who scheduled it; shown to admins of a unit it concerns
 */
public record ScheduledChangeView(UUID id, Kind kind, UUID unitId, LocalDate effectiveFrom,
        @Schema(implementation = Object.class, description = "What it does, as it was requested") JsonNode change,
        Status status, Problem problem, String requestedBy, Instant createdAt, Instant settledAt) {

    /** Named apart from the problem+json document, which the API's errors are. */
    @Schema(name = "ScheduledChangeProblem")
    public record Problem(String field, String detail) {
    }

    ScheduledChangeView withoutRequester() {
        return new ScheduledChangeView(id, kind, unitId, effectiveFrom, change, status, problem, null, createdAt,
                settledAt);
    }

    static ScheduledChangeView of(ScheduledChange c, ObjectMapper json) {
        JsonNode change;
        try {
            change = json.readTree(c.request);
        } catch (JsonProcessingException e) {
            // written by this service as JSON; should it have been edited into something else, show what is there
            change = TextNode.valueOf(c.request);
        }
        return new ScheduledChangeView(c.id, c.kind, c.unitId, c.effectiveFrom, change, c.status,
                c.problemDetail == null ? null : new Problem(c.problemField, c.problemDetail), c.requestedBy,
                c.createdAt, c.settledAt);
    }
}
