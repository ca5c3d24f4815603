package vn.congdoan.sangkien.kit.security;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;

/** The audit log of this service, newest first; for national administrators. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "National administration")
public class AuditResource {

    private final AuditLog log;
    private final Caller caller;

    public AuditResource(AuditLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    /**
     * One entry as national administrators read it.
     *
     * @param status the answer's status; none for a change, whose entry is written with the change, before its answer
     * @param occurrences how many times it happened: refusals of one caller, request and status are summed
     */
    public record AuditEntryView(long id, Instant at, String actor, String method, String path, Integer status,
            int occurrences) {
    }

    @GET
    @Operation(operationId = "auditLog", summary = "Recent writes and refused attempts: who, what, when (national administrators)")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<AuditEntryView> list(@QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) throws SQLException {
        Scope.requireNationalAdmin(caller);
        return log.latest(before, limit);
    }
}
