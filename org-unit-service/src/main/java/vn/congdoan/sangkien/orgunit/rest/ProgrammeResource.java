package vn.congdoan.sangkien.orgunit.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.CsvFiles;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.ProgrammePhase;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;
import vn.congdoan.sangkien.orgunit.service.ProgrammeCalendar;
import vn.congdoan.sangkien.orgunit.service.ProgrammeService;
import vn.congdoan.sangkien.orgunit.service.TargetRow;
import vn.congdoan.sangkien.orgunit.service.Texts;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards")
public class ProgrammeResource {

    private static final String AS_OF = "The day to count from, as YYYY-MM-DD; today in Vietnam when absent";
    private static final String CHILDREN_AS_OF = "The day whose units directly below count, as YYYY-MM-DD; today in "
            + "Vietnam when absent";
    private static final Set<String> TARGET_COLUMNS = Set.of("unitCode", "target");
    private static final String SET_UNIT_TARGETS = "Replace the targets of the units directly below a unit, from a "
            + "JSON array or a UTF-8 CSV file with the header unitCode,target; units below it left out no longer have "
            + "one, and the targets of every other unit stay";
    private static final String SET_UNIT_TARGETS_RULES = "For the unit's administrators and those above it, its "
            + "province's integration key and national administrators; the confederation's page, national "
            + "administrators only. Each unit listed must be directly below the unit on asOf (422 naming its row "
            + "otherwise); the whole list is checked before anything is written.";

    private final ProgrammeService service;
    private final OrgUnitService units;
    private final Caller caller;
    private final Hierarchy hierarchy;

    public ProgrammeResource(ProgrammeService service, OrgUnitService units, Caller caller, Hierarchy hierarchy) {
        this.service = service;
        this.units = units;
        this.caller = caller;
        this.hierarchy = hierarchy;
    }

    @GET
    @Operation(operationId = "listProgrammes", summary = "Every programme, with the day each is on")
    public List<ProgrammeView> list(@Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        LocalDate day = ProgrammeCalendar.parseDay("asOf", asOf);
        return service.list().stream().map(p -> ProgrammeView.of(p, service.progress(p, day))).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getProgramme", summary = "One programme by code, with its day number, days elapsed and days remaining")
    @Extension(name = Answers.ALSO, value = "404")
    public ProgrammeView get(@PathParam("code") String code,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        LocalDate day = ProgrammeCalendar.parseDay("asOf", asOf);
        return service.find(code).map(p -> ProgrammeView.of(p, service.progress(p, day)))
                .orElseThrow(() -> ProblemException.notFound(Texts.PROGRAMME, code));
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Operation(operationId = "createProgramme", summary = "Create a programme, without phases")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,409,422")
    @Tag(name = "National administration")
    public Response create(@Valid @NotNull ProgrammeCreateRequest request) {
        Programme programme = service.create(request.code(), request.name().strip(), request.startDate(),
                request.endDate(), request.nationalTarget());
        return Response.created(URI.create("/api/v1/programmes/" + programme.code))
                .entity(ProgrammeView.of(programme, service.progress(programme, null))).build();
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{code}/phases")
    @Operation(summary = "Add a phase; dates may be left out while they are not known")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ProgrammePhaseView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "National administration")
    public Response addPhase(@PathParam("code") String code, @Valid @NotNull ProgrammePhaseRequest request) {
        ProgrammePhase phase = service.addPhase(code, request.code(), request.name().strip(), request.startDate(),
                request.endDate());
        return Response.created(URI.create("/api/v1/programmes/" + code + "/phases/" + phase.code))
                .entity(ProgrammePhaseView.of(phase)).build();
    }

    @GET
    @Path("/{code}/phases/{phase}")
    @Operation(summary = "One phase of a programme")
    @Extension(name = Answers.ALSO, value = "404")
    public ProgrammePhaseView phase(@PathParam("code") String code, @PathParam("phase") String phase) {
        return service.findPhase(code, phase).map(ProgrammePhaseView::of)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Phase of programme " + code,
                        "Giai đoạn của chương trình " + code), phase));
    }

    @GET
    @Path("/{code}/phases/{phase}/targets")
    @Operation(summary = "The targets of a phase set nationally, by unit code: the confederation's and those of the "
            + "provinces, sector and corporation unions directly below it",
            description = "The targets of the units below those are on the pages of their parents: "
                    + "GET /api/v1/programmes/{code}/phases/{phase}/units/{unitId}/targets.")
    @Extension(name = Answers.ALSO, value = "404")
    public List<ProgrammeTargetView> targets(@PathParam("code") String code, @PathParam("phase") String phase) {
        return service.nationalTargets(code, phase).stream().map(ProgrammeTargetView::of).toList();
    }

    @PUT
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{code}/phases/{phase}/targets")
    @Operation(summary = "Replace the targets of a phase set nationally (the confederation and the provinces, sector "
            + "and corporation unions directly below it); those left out no longer have one, and the targets that "
            + "provinces and the units below them handed down stay as they are")
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    @Tag(name = "National administration")
    public List<ProgrammeTargetView> setTargets(@PathParam("code") String code, @PathParam("phase") String phase,
            @NotNull List<@NotNull @Valid ProgrammeTargetRequest> targets) {
        return service.setTargets(code, phase, targets.stream().map(ProgrammeTargetRequest::toTarget).toList())
                .stream().map(ProgrammeTargetView::of).toList();
    }

    @GET
    @Path("/{code}/phases/{phase}/units/{unitId}/targets")
    @Operation(operationId = "getUnitTargets", summary = "A unit's target in a phase, the targets of the units "
            + "directly below it, and how much of its own it has handed down (UNDER_ASSIGNED, FULLY_ASSIGNED, "
            + "OVER_ASSIGNED)",
            description = "The confederation's page (the targets set nationally) is public. The page of a unit of a "
                    + "province, or of a national sector or corporation union, is shown to signed-in callers of that "
                    + "province or union, to callers of the confederation and to national administrators.")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    @Tag(name = "Unit admins and reviewers")
    public UnitTargetsView unitTargets(@PathParam("code") String code, @PathParam("phase") String phase,
            @PathParam("unitId") UUID unitId,
            @Parameter(description = CHILDREN_AS_OF) @QueryParam("asOf") String asOf) {
        requireReader(unitId);
        return UnitTargetsView.of(code, phase,
                service.unitTargets(code, phase, unitId, ProgrammeCalendar.parseDay("asOf", asOf)));
    }

    @PUT
    @Path("/{code}/phases/{phase}/units/{unitId}/targets")
    @Operation(operationId = "setUnitTargetsJson", summary = SET_UNIT_TARGETS, description = SET_UNIT_TARGETS_RULES)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = UnitTargetRequest.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    @Tag(name = "Unit admins and reviewers")
    public UnitTargetsView setUnitTargetsJson(@PathParam("code") String code, @PathParam("phase") String phase,
            @PathParam("unitId") UUID unitId,
            @Parameter(description = CHILDREN_AS_OF) @QueryParam("asOf") String asOf,
            @NotNull List<@NotNull @Valid UnitTargetRequest> targets) {
        requireAssigner(unitId);
        return assign(code, phase, unitId, asOf, targets.stream().map(UnitTargetRequest::toRow).toList());
    }

    @PUT
    @Path("/{code}/phases/{phase}/units/{unitId}/targets")
    @Consumes({ "text/csv", "application/csv" })
    // The OpenAPI document shows this and the JSON operation as one operation, with this one's id.
    @Operation(operationId = "setUnitTargets", summary = SET_UNIT_TARGETS, description = SET_UNIT_TARGETS_RULES)
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    @Tag(name = "Unit admins and reviewers")
    public UnitTargetsView setUnitTargetsCsv(@PathParam("code") String code, @PathParam("phase") String phase,
            @PathParam("unitId") UUID unitId,
            @Parameter(description = CHILDREN_AS_OF) @QueryParam("asOf") String asOf, InputStream body) {
        requireAssigner(unitId);
        List<Map<String, String>> cells = CsvFiles.readCells(body, TARGET_COLUMNS, List.of("unitCode", "target"),
                ProgrammeService.MAX_TARGET_ROWS, rows -> ProblemException.unprocessable("rows", Text.of("At most "
                        + ProgrammeService.MAX_TARGET_ROWS + " units per list", "Mỗi danh sách nhiều nhất "
                        + ProgrammeService.MAX_TARGET_ROWS + " đơn vị")).limit("max", ProgrammeService.MAX_TARGET_ROWS),
                row -> row);
        List<TargetRow> rows = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            rows.add(new TargetRow(null, cells.get(i).get("unitCode"), target(i, cells.get(i).get("target"))));
        }
        return assign(code, phase, unitId, asOf, rows);
    }

    private UnitTargetsView assign(String code, String phase, UUID unitId, String asOf, List<TargetRow> rows) {
        return UnitTargetsView.of(code, phase, service.assignTargets(code, phase, unitId,
                ProgrammeCalendar.parseDay("asOf", asOf), rows));
    }

    /**
     * Who reads a unit's targets. The confederation's page lists the targets set nationally, public as the phase's
     * list is. The figures below a province are its own: they are shown to callers whose unit lies in that province
     * (or national sector or corporation union), whatever their role, to callers of the confederation and to national
     * administrators.
     */
    private void requireReader(UUID unitId) {
        Optional<UUID> top = units.nationalLevelUnit(unitId);
        if (top.isEmpty()) {
            return;
        }
        caller.requireSignedIn();
        UUID own = caller.unit().orElse(null);
        if (caller.has(Roles.NATIONAL_ADMIN)
                || own != null && (hierarchy.within(own, top.get()) || hierarchy.within(top.get(), own))) {
            return;
        }
        throw ProblemException.forbidden(Text.of("The targets below a province are shown to the members and "
                + "administrators of that province and to national roles", "Chỉ tiêu của các đơn vị dưới một tỉnh chỉ "
                + "hiển thị cho đoàn viên, quản trị viên của tỉnh đó và các vai trò cấp Trung ương"));
    }

    /**
     * Who hands down targets: the administrators of the unit and of the units above it, its province's integration
     * key, and national administrators. The confederation hands down the targets set nationally: national
     * administrators only, as with the phase's list (an administrator of the confederation is not one).
     */
    private void requireAssigner(UUID unitId) {
        if (units.nationalLevelUnit(unitId).isEmpty()) {
            Scope.requireNationalAdmin(caller);
        }
        Scope.require(caller, hierarchy, unitId, Roles.UNIT_ADMIN, Roles.PROVINCE_INTEGRATION);
    }

    /** A CSV cell's target; {@code null} when empty, which the list's rules refuse naming the row. */
    private static Long target(int row, String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(cell.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("[" + row + "].target", Text.of("row " + (row + 1) + ": the target "
                    + "must be a whole number, was '" + cell + "'", "dòng " + (row + 1) + ": chỉ tiêu phải là số "
                    + "nguyên, không phải '" + cell + "'"));
        }
    }
}
