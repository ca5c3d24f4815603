package vn.congdoan.sangkien.orgunit.rest;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Status;
import vn.congdoan.sangkien.orgunit.service.ScheduledChanges;

/**
 * Renames, moves and merges sent for a later day: {@code PUT /units/{id}}, {@code POST /units/{id}/move} and
 * {@code POST /units/merge} answer 202 with one of these, which waits until its day and is then applied. Like the
 * hierarchy, they are read by anyone signed in (who scheduled them, by their admins only); a rename or move is
 * cancelled by an admin of a unit it concerns, a merge by a national admin.
 */
@Path("/api/v1/scheduled-changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Unit admins and reviewers")
@Authenticated
public class ScheduledChangeResource {

    private final ScheduledChanges changes;
    private final Caller caller;
    private final Hierarchy hierarchy;
    private final ObjectMapper json;

    public ScheduledChangeResource(ScheduledChanges changes, Caller caller, Hierarchy hierarchy, ObjectMapper json) {
        this.changes = changes;
        this.caller = caller;
        this.hierarchy = hierarchy;
        this.json = json;
    }

    @GET
    @Operation(operationId = "listScheduledChanges", summary = "Scheduled changes, latest day first; of one status, or concerning one unit")
    @Extension(name = Answers.ALSO, value = "401")
    public List<ScheduledChangeView> list(
            @Parameter(schema = @Schema(implementation = Status.class)) @QueryParam("status") String status,
            @QueryParam("unitId") String unitId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return changes.list(QueryParams.enumValue("status", Status.class, status), QueryParams.uuid("unitId", unitId),
                limit).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getScheduledChange", summary = "One scheduled change: pending, applied, failed (with the problem) or cancelled")
    @Extension(name = Answers.ALSO, value = "401,404")
    public ScheduledChangeView get(@PathParam("id") UUID id) {
        return view(existing(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "cancelScheduledChange", summary = "Cancel a pending change (409 once applied, failed or cancelled): a rename or move by an "
            + "admin of a unit it concerns, a merge by a national admin")
    @Extension(name = Answers.ALSO, value = "401,403,404,409")
    public ScheduledChangeView cancel(@PathParam("id") UUID id) {
        ScheduledChange change = existing(id);
        if (change.kind == ScheduledChange.Kind.MERGE) {
            Scope.requireNationalAdmin(caller);
        } else if (!administers(change)) {
            throw ProblemException.forbidden(Text.of("Your roles cover none of the units this change concerns",
                    "Vai trò của bạn không bao gồm đơn vị nào mà thay đổi này liên quan"));
        }
        return view(changes.cancel(id));
    }

    /** Admins of a unit a rename or move concerns (the unit, the new parent), and national admins. */
    private boolean administers(ScheduledChange change) {
        return Arrays.stream(change.units).anyMatch(unit -> Scope.allows(caller, hierarchy, unit, Roles.UNIT_ADMIN));
    }

    /** Who scheduled a change is shown to those who administer it, not to every member. */
    private ScheduledChangeView view(ScheduledChange change) {
        ScheduledChangeView view = ScheduledChangeView.of(change, json);
        return administers(change) ? view : view.withoutRequester();
    }

    private ScheduledChange existing(UUID id) {
        return changes.find(id).orElseThrow(() -> ProblemException.notFound(Text.of("Scheduled change",
                "Thay đổi đã lên lịch"), id));
    }
}
