package vn.congdoan.sangkien.orgunit.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.rest.Versions;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;
import vn.congdoan.sangkien.orgunit.service.HierarchyRules;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;
import vn.congdoan.sangkien.orgunit.service.ScheduledChanges;
import vn.congdoan.sangkien.orgunit.service.Texts;
import vn.congdoan.sangkien.orgunit.service.UnitUpdate;

/**
 * The union hierarchy. Every read takes {@code asOf=YYYY-MM-DD} (default: today in Vietnam) and answers with the
 * structure in force that day.
 */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Unit admins and reviewers", description = "The union hierarchy and its officers' work")
public class OrgUnitResource {

    private final OrgUnitService service;
    private final ScheduledChanges scheduled;
    private final OrgUnitQueries queries;
    private final Caller caller;
    private final Hierarchy hierarchy;
    private final ObjectMapper json;

    public OrgUnitResource(OrgUnitService service, ScheduledChanges scheduled, OrgUnitQueries queries, Caller caller,
            Hierarchy hierarchy, ObjectMapper json) {
        this.service = service;
        this.scheduled = scheduled;
        this.queries = queries;
        this.caller = caller;
        this.hierarchy = hierarchy;
        this.json = json;
    }

    @GET
    @Authenticated
    @Operation(operationId = "listUnits", summary = "List and search units",
            description = "q matches names and codes without regard to accents or case: 'thanh hoa' finds 'Thanh Hóa'.")
    @Extension(name = Answers.ALSO, value = "401")
    public Page<OrgUnitView> list(
            @Parameter(schema = @Schema(implementation = OrgUnitType.class)) @QueryParam("type") String type,
            @QueryParam("parentId") String parentId,
            @QueryParam("groupingId") String groupingId, @QueryParam("q") String q, @QueryParam("asOf") String asOf,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        var filter = new OrgUnitQueries.Filter(QueryParams.enumValue("type", OrgUnitType.class, type),
                QueryParams.uuid("parentId", parentId),
                QueryParams.uuid("groupingId", groupingId), q == null || q.isBlank() ? null : q);
        List<UnitAsOf> rows = queries.list(filter, day(asOf), Page.after(cursor), limit + 1);
        return Page.of(rows, limit, OrgUnitView::of, UnitAsOf::code);
    }

    @GET
    @Path("/labels")
    @Operation(operationId = "unitLabels", summary = "What to show for each type of unit, sector and kind of grouping, in Vietnamese and English")
    public UnitLabels labels() {
        return UnitLabels.ALL;
    }

    @GET
    @Authenticated
    @Path("/{id}")
    @Operation(operationId = "getUnit", summary = "One unit; without asOf an ended unit is still shown, with its end date and successor")
    @APIResponse(responseCode = "200", description = "The unit, with its version as ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @Extension(name = Answers.ALSO, value = "401,404")
    public Response get(@PathParam("id") UUID id, @QueryParam("asOf") String asOf) {
        return found(service.find(id), id, asOf);
    }

    @GET
    @Authenticated
    @Path("/by-code/{code}")
    @Operation(operationId = "getUnitByCode", summary = "One unit by its code (provincial federations: the two-digit province code)")
    @APIResponse(responseCode = "200", description = "The unit, with its version as ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @Extension(name = Answers.ALSO, value = "401,404")
    public Response byCode(@PathParam("code") String code, @QueryParam("asOf") String asOf) {
        return found(service.findByCode(code), code, asOf);
    }

    @GET
    @Authenticated
    @Path("/{id}/children")
    @Operation(summary = "The units directly below a unit")
    @Extension(name = Answers.ALSO, value = "401,404")
    public Page<OrgUnitView> children(@PathParam("id") UUID id, @QueryParam("asOf") String asOf,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        var filter = new OrgUnitQueries.Filter(null, id, null, null);
        List<UnitAsOf> rows = queries.list(filter, day(asOf), Page.after(cursor), limit + 1);
        if (rows.isEmpty()) {
            // Children name their parent, so only an empty page leaves open whether the unit exists.
            existing(id);
        }
        return Page.of(rows, limit, OrgUnitView::of, UnitAsOf::code);
    }

    @GET
    @Authenticated
    @Path("/{id}/ancestors")
    @Operation(summary = "The path from a unit up to the root, nearest first")
    @Extension(name = Answers.ALSO, value = "401,404")
    public List<OrgUnitView> ancestors(@PathParam("id") UUID id, @QueryParam("asOf") String asOf) {
        LocalDate day = day(asOf);
        List<UnitAsOf> path = queries.withAncestors(id, day);
        if (path.isEmpty()) {
            throw notInForce(id, day);
        }
        return path.subList(1, path.size()).stream().map(OrgUnitView::of).toList();
    }

    @GET
    @Authenticated
    @Path("/{id}/subtree")
    @Operation(summary = "Every unit below a unit, at any depth, by code")
    @Extension(name = Answers.ALSO, value = "401,404")
    public Page<OrgUnitView> subtree(@PathParam("id") UUID id, @QueryParam("asOf") String asOf,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        LocalDate day = day(asOf);
        queries.byId(id, day).orElseThrow(() -> notInForce(id, day));
        return Page.of(queries.subtree(id, day, Page.after(cursor), limit + 1), limit, OrgUnitView::of,
                UnitAsOf::code);
    }

    @POST
    @Operation(operationId = "createUnit", summary = "Create a unit below an existing one")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,409,422")
    public Response create(@Valid @NotNull CreateOrgUnitRequest request) {
        Scope.require(caller, hierarchy, request.parentId(), Roles.UNIT_ADMIN);
        OrgUnit unit = service.create(request.toCommand());
        return Response.created(URI.create("/api/v1/units/" + unit.id)).tag(etag(unit))
                .entity(OrgUnitView.of(unit)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "updateUnit", summary = "Rename a unit (from effectiveFrom), set its member count or its sector; needs If-Match with its ETag. "
            + "With an effectiveFrom after today: 202 and a scheduled change, applied on that day",
            description = "For administrators above the unit and national administrators. A unit's own administrators "
                    + "and its province's integration key set its member count with PUT /api/v1/units/{id}/member-count.")
    @APIResponse(responseCode = "200", description = "Renamed or counted, with the new ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "202", description = "Scheduled for its day; Location names the scheduled change",
            content = @Content(schema = @Schema(implementation = ScheduledChangeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412,422,428")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ChangeRequests.Update request) {
        Scope.requireBelow(caller, hierarchy, id, Roles.UNIT_ADMIN);
        if (request.memberCount() != null || request.memberCountAsOf() != null) {
            requireNationalForNationalLevel(id);
        }
        Versions.required(ifMatch, Texts.UNIT);
        UnitUpdate update = new UnitUpdate(request.name() == null ? null : request.name().strip(),
                request.effectiveFrom(), request.memberCount(), request.memberCountAsOf(), request.sector());
        if (later(request.effectiveFrom())) {
            if (request.memberCount() != null || request.memberCountAsOf() != null) {
                throw ProblemException.unprocessable(request.memberCount() != null ? "memberCount" : "memberCountAsOf",
                        Text.of("a member count is dated by memberCountAsOf, not scheduled: send it without a later "
                                + "effectiveFrom", "số đoàn viên được ghi ngày bằng memberCountAsOf, không lên lịch: "
                                + "hãy gửi nó không kèm effectiveFrom ở ngày sau"));
            }
            if (request.sector() != null) {
                throw ProblemException.unprocessable("sector", Text.of("a sector describes the workplace as it is "
                        + "and takes effect at once: send it without a later effectiveFrom", "khối mô tả nơi làm việc "
                        + "như hiện tại và có hiệu lực ngay: hãy gửi nó không kèm effectiveFrom ở ngày sau"));
            }
            if (update.name() == null) {
                throw ProblemException.unprocessable("name", Text.of("a later effectiveFrom dates a rename: send "
                        + "the new name", "effectiveFrom ở ngày sau dùng cho việc đổi tên: hãy gửi tên mới"));
            }
            return accepted(scheduled.scheduleRename(id, version(ifMatch), update, requester()));
        }
        OrgUnit unit = service.update(id, version(ifMatch), update);
        return Response.ok(OrgUnitView.of(unit)).tag(etag(unit)).build();
    }

    @PUT
    @Path("/{id}/member-count")
    @Operation(operationId = "setUnitMemberCount", summary = "Set a unit's member count, dated by memberCountAsOf "
            + "(default today); needs If-Match with its ETag",
            description = "Below the provinces and the national sector and corporation unions: the unit's own "
                    + "administrators, administrators of a unit above it, and its province's integration key. The "
                    + "confederation, provinces, sector and corporation unions: national administrators only.")
    @APIResponse(responseCode = "200", description = "Counted, with the new ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412,428")
    public Response setMemberCount(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ChangeRequests.MemberCount request) {
        Scope.require(caller, hierarchy, id, Roles.UNIT_ADMIN, Roles.PROVINCE_INTEGRATION);
        requireNationalForNationalLevel(id);
        Versions.required(ifMatch, Texts.UNIT);
        OrgUnit unit = service.update(id, version(ifMatch), new UnitUpdate(null, null, request.memberCount(),
                request.memberCountAsOf(), null));
        return Response.ok(OrgUnitView.of(unit)).tag(etag(unit)).build();
    }

    /**
     * Only national administrators count the members of a unit at the national level, whoever else may act on it: an
     * administrator of a province would otherwise lift its rank per 1,000 members by counting fewer.
     */
    private void requireNationalForNationalLevel(UUID id) {
        if (!caller.has(Roles.NATIONAL_ADMIN)
                && service.find(id).map(u -> HierarchyRules.NATIONAL_LEVEL.contains(u.type)).orElse(false)) {
            throw new ProblemException(ProblemType.FORBIDDEN, Text.of("The member count of a province, sector or "
                    + "corporation union is set by national administrators: it decides the province's figures per "
                    + "1,000 members", "Số đoàn viên của LĐLĐ tỉnh, công đoàn ngành hay công đoàn tổng công ty do quản "
                    + "trị viên cấp Trung ương đặt: nó quyết định các chỉ số trên 1.000 đoàn viên"), "memberCount");
        }
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move a unit and its whole subtree under another parent (from effectiveFrom). With an "
            + "effectiveFrom after today: 202 and a scheduled change, applied on that day")
    @APIResponse(responseCode = "200", description = "Moved, with the new ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "202", description = "Scheduled for its day; Location names the scheduled change",
            content = @Content(schema = @Schema(implementation = ScheduledChangeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412,422")
    public Response move(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ChangeRequests.Move request) {
        Scope.requireBelow(caller, hierarchy, id, Roles.UNIT_ADMIN);
        Scope.require(caller, hierarchy, request.parentId(), Roles.UNIT_ADMIN);
        if (later(request.effectiveFrom())) {
            return accepted(scheduled.scheduleMove(id, ifMatch == null ? null : version(ifMatch), request.parentId(),
                    request.effectiveFrom(), requester()));
        }
        OrgUnit unit = service.move(id, ifMatch == null ? null : version(ifMatch), request.parentId(),
                request.effectiveFrom());
        return Response.ok(OrgUnitView.of(unit)).tag(etag(unit)).build();
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "End a unit on validTo (default today); its history stays readable with asOf")
    @APIResponse(responseCode = "200", description = "Ended, with the new ETag",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412,422")
    public Response deactivate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid ChangeRequests.Deactivate request) {
        Scope.requireBelow(caller, hierarchy, id, Roles.UNIT_ADMIN);
        OrgUnit unit = service.deactivate(id, ifMatch == null ? null : version(ifMatch),
                request == null ? null : request.validTo());
        return Response.ok(OrgUnitView.of(unit)).tag(etag(unit)).build();
    }

    @POST
    @Path("/merge")
    @Operation(summary = "Merge units into a successor from a date (e.g. Quảng Bình into Quảng Trị, 2025-07-01). "
            + "With a date after today: 202 and a scheduled change, applied on that day")
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @APIResponse(responseCode = "200", description = "Merged: the successor",
            content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "202", description = "Scheduled for its day; Location names the scheduled change",
            content = @Content(schema = @Schema(implementation = ScheduledChangeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "National administration")
    public Response merge(@Valid @NotNull ChangeRequests.Merge request) {
        if (later(request.date())) {
            return accepted(scheduled.scheduleMerge(request.sources(), request.successorId(), request.date(),
                    requester()));
        }
        return Response.ok(OrgUnitView.of(service.merge(request.sources(), request.successorId(), request.date())))
                .build();
    }

    /** Whether a change's day lies after today, so that it waits for its day as a scheduled change. */
    private boolean later(LocalDate day) {
        return day != null && day.isAfter(service.today());
    }

    /** The caller, with the unit their roles are checked against again when the change is applied. */
    private ScheduledChanges.Requester requester() {
        return new ScheduledChanges.Requester(caller.subject(),
                caller.has(Roles.NATIONAL_ADMIN) ? null : caller.unit().orElse(null));
    }

    private Response accepted(ScheduledChange change) {
        return Response.accepted(ScheduledChangeView.of(change, json))
                .location(URI.create("/api/v1/scheduled-changes/" + change.id)).build();
    }

    private Response found(Optional<OrgUnit> unit, Object key, String asOf) {
        OrgUnit current = unit.orElseThrow(() -> ProblemException.notFound(Texts.UNIT, key));
        if (asOf == null) {
            return Response.ok(OrgUnitView.of(current)).tag(etag(current)).build();
        }
        LocalDate day = day(asOf);
        UnitAsOf then = queries.byId(current.id, day).orElseThrow(() -> notInForce(key, day));
        return Response.ok(OrgUnitView.of(then)).build();
    }

    private void existing(UUID id) {
        service.find(id).orElseThrow(() -> ProblemException.notFound(Texts.UNIT, id));
    }

    private LocalDate day(String asOf) {
        LocalDate day = QueryParams.date("asOf", asOf);
        return day != null ? day : service.today();
    }

    private static ProblemException notInForce(Object key, LocalDate day) {
        return new ProblemException(ProblemType.NOT_FOUND, Text.of("Unit " + key + " is not in force on " + day,
                "Đơn vị " + key + " không có hiệu lực vào ngày " + day), "asOf");
    }

    private static EntityTag etag(OrgUnit unit) {
        return Versions.tag(unit.version);
    }

    private static long version(String ifMatch) {
        return Versions.of(ifMatch);
    }
}
