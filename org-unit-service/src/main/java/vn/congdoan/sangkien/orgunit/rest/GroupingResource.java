package vn.congdoan.sangkien.orgunit.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.orgunit.Grouping;
import vn.congdoan.sangkien.orgunit.service.GroupingService;
import vn.congdoan.sangkien.orgunit.service.ProgrammeCalendar;
import vn.congdoan.sangkien.orgunit.service.Texts;

@Path("/api/v1/groupings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards", description = "Standings, and the regions, clusters and programmes they are read by")
public class GroupingResource {

    private static final String AS_OF = "A date as YYYY-MM-DD; today in Vietnam when absent";

    private final GroupingService service;

    public GroupingResource(GroupingService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listGroupings", summary = "Groupings in force on a day, optionally of one kind")
    public List<GroupingView> list(
            @Parameter(schema = @Schema(implementation = GroupingKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        return service.list(kind(kind), ProgrammeCalendar.parseDay("asOf", asOf)).stream()
                .map(GroupingView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getGrouping", summary = "One grouping by id, with every membership it ever had")
    @Extension(name = Answers.ALSO, value = "404")
    public GroupingView get(@PathParam("id") UUID id) {
        return service.find(id).map(GroupingView::of).orElseThrow(() -> ProblemException.notFound(Texts.GROUPING, id));
    }

    @GET
    @Path("/by-code/{code}")
    @Operation(operationId = "getGroupingByCode", summary = "One grouping by its code, e.g. REGION-BAC-TRUNG-BO")
    @Extension(name = Answers.ALSO, value = "404")
    public GroupingView byCode(@PathParam("code") String code) {
        return service.findByCode(code).map(GroupingView::of)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Grouping with code",
                        "Nhóm có mã"), code));
    }

    @GET
    @Path("/{id}/members")
    @Operation(operationId = "groupingMembers", summary = "The member units on a day, by unit code")
    @Extension(name = Answers.ALSO, value = "404")
    public List<GroupingMemberView> members(@PathParam("id") UUID id,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        return service.members(id, ProgrammeCalendar.parseDay("asOf", asOf)).stream()
                .map(GroupingMemberView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Operation(operationId = "createGrouping", summary = "Create a region or emulation cluster, without members")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = GroupingView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,409,422")
    @Tag(name = "National administration")
    public Response create(@Valid @NotNull GroupingCreateRequest request) {
        Grouping grouping = service.create(request.code(), request.name().strip(), request.kind(),
                request.validFrom(), request.validTo());
        return Response.created(URI.create("/api/v1/groupings/" + grouping.id)).entity(GroupingView.of(grouping))
                .build();
    }

    @PUT
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{id}/name")
    @Operation(operationId = "renameGrouping", summary = "Rename a grouping")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "National administration")
    public GroupingView rename(@PathParam("id") UUID id, @Valid @NotNull GroupingRenameRequest request) {
        return GroupingView.of(service.rename(id, request.name().strip()));
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{id}/members")
    @Operation(summary = "Add a unit from a day on (from the grouping's start when no day is given)")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "National administration")
    public GroupingView addMember(@PathParam("id") UUID id, @Valid @NotNull GroupingMemberRequest request) {
        return GroupingView.of(service.addMember(id, request.unitId(), request.validFrom()));
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{id}/members/{unitId}/end")
    @Operation(summary = "End a unit's open membership; validTo is the first day it no longer applies")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "National administration")
    public GroupingView endMembership(@PathParam("id") UUID id, @PathParam("unitId") UUID unitId,
            @Valid @NotNull GroupingMembershipEndRequest request) {
        return GroupingView.of(service.endMembership(id, unitId, request.validTo()));
    }

    /** Parsed here: JAX-RS would answer an unknown enum constant in a query parameter with 404. */
    private static GroupingKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return GroupingKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind", Text.of("must be one of " + List.of(GroupingKind.values()),
                    "phải là một trong " + List.of(GroupingKind.values()))).allowed(GroupingKind.class);
        }
    }
}
