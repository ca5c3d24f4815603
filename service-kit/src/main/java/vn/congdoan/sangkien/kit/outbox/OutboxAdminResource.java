package vn.congdoan.sangkien.kit.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Scope;

/**
 * The events parked in this service's outbox (the broker refused them for what they are, see {@link OutboxRelay}):
 * national administrators list them, send one again once its cause is fixed, or discard it. Each of these writes is
 * in the audit log.
 */
@Path("/api/v1/admin/outbox/blocked")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OutboxAdminResource {

    /** A parked event as an operator reads it; its payload is the event's JSON. */
    public record BlockedEvent(long id, String topic, String key, String eventType, Instant createdAt, int attempts,
            String lastError, Instant blockedAt, String payload) {
    }

    private final EntityManager em;
    private final Caller caller;
    private final OutboxRelay relay;

    public OutboxAdminResource(EntityManager em, Caller caller, OutboxRelay relay) {
        this.em = em;
        this.caller = caller;
        this.relay = relay;
    }

    @GET
    @Operation(operationId = "listBlockedEvents",
            summary = "Events parked in the outbox, oldest first (national administrators)")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<BlockedEvent> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Scope.requireNationalAdmin(caller);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, topic, record_key, event_type, created_at, attempts, last_error, blocked_at, payload
                from outbox_event where blocked_at is not null order by id limit ?1""")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(OutboxAdminResource::event).toList();
    }

    @POST
    @Path("/{event}/retry")
    @Transactional
    @Operation(operationId = "retryBlockedEvent",
            summary = "Send a parked event again, with its attempts counted afresh")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public BlockedEvent retry(@PathParam("event") long id) {
        Scope.requireNationalAdmin(caller);
        BlockedEvent event = blocked(id);
        em.createNativeQuery("update outbox_event set blocked_at = null, attempts = 0 where id = ?1")
                .setParameter(1, id).executeUpdate();
        relay.wakeUp();
        return event;
    }

    @DELETE
    @Path("/{event}")
    @Transactional
    @Operation(operationId = "discardBlockedEvent",
            summary = "Discard a parked event for good; the answer is the event, for the record")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public BlockedEvent discard(@PathParam("event") long id) {
        Scope.requireNationalAdmin(caller);
        BlockedEvent event = blocked(id);
        em.createNativeQuery("delete from outbox_event where id = ?1").setParameter(1, id).executeUpdate();
        return event;
    }

    private BlockedEvent blocked(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, topic, record_key, event_type, created_at, attempts, last_error, blocked_at, payload
                from outbox_event where id = ?1 and blocked_at is not null for update""")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound(Text.of("Parked outbox event", "Sự kiện bị giữ lại trong outbox"), id);
        }
        return event(rows.get(0));
    }

    private static BlockedEvent event(Object[] row) {
        return new BlockedEvent(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                instant(row[4]), ((Number) row[5]).intValue(), (String) row[6], instant(row[7]), (String) row[8]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : null;
    }
}
