package vn.congdoan.sangkien.kit.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

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

import vn.congdoan.sangkien.kit.jdbc.Jdbc;
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

    private static final String COLUMNS = "select id, topic, record_key, event_type, created_at, attempts, last_error,"
            + " blocked_at, payload from outbox_event";

    private final DataSource dataSource;
    private final Caller caller;
    private final OutboxRelay relay;

    public OutboxAdminResource(DataSource dataSource, Caller caller, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.caller = caller;
        this.relay = relay;
    }

    @GET
    @Operation(operationId = "listBlockedEvents",
            summary = "Events parked in the outbox, oldest first (national administrators)")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<BlockedEvent> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit)
            throws SQLException {
        Scope.requireNationalAdmin(caller);
        return query(COLUMNS + " where blocked_at is not null order by id limit ?", limit);
    }

    @POST
    @Path("/{event}/retry")
    @Transactional
    @Operation(operationId = "retryBlockedEvent",
            summary = "Send a parked event again, with its attempts counted afresh")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public BlockedEvent retry(@PathParam("event") long id) throws SQLException {
        Scope.requireNationalAdmin(caller);
        BlockedEvent event = blocked(id);
        update("update outbox_event set blocked_at = null, attempts = 0 where id = ?", id);
        relay.wakeUp();
        return event;
    }

    @DELETE
    @Path("/{event}")
    @Transactional
    @Operation(operationId = "discardBlockedEvent",
            summary = "Discard a parked event for good; the answer is the event, for the record")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public BlockedEvent discard(@PathParam("event") long id) throws SQLException {
        Scope.requireNationalAdmin(caller);
        BlockedEvent event = blocked(id);
        update("delete from outbox_event where id = ?", id);
        return event;
    }

    private BlockedEvent blocked(long id) throws SQLException {
        List<BlockedEvent> rows = query(COLUMNS + " where id = ? and blocked_at is not null for update", id);
        if (rows.isEmpty()) {
            throw ProblemException.notFound(Text.of("Parked outbox event", "Sự kiện bị giữ lại trong outbox"), id);
        }
        return rows.get(0);
    }

    /** Within a request's transaction, on its connection. */
    private List<BlockedEvent> query(String sql, long parameter) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, sql, rs -> new BlockedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), instant(rs.getTimestamp(5)), rs.getInt(6), rs.getString(7),
                    instant(rs.getTimestamp(8)), rs.getString(9)), parameter);
        }
    }

    private void update(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, sql, id);
        }
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
