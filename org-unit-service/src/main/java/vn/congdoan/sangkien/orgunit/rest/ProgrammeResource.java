package vn.congdoan.sangkien.orgunit.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

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

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.ProgrammePhase;
import vn.congdoan.sangkien.orgunit.service.ProgrammeCalendar;
import vn.congdoan.sangkien.orgunit.service.ProgrammeService;
import vn.congdoan.sangkien.orgunit.service.Texts;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards")
public class ProgrammeResource {

    private static final String AS_OF = "The day to count from, as YYYY-MM-DD; today in Vietnam when absent";

    private final ProgrammeService service;

    public ProgrammeResource(ProgrammeService service) {
        this.service = service;
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
    @Operation(summary = "The targets of a phase, by unit code")
    @Extension(name = Answers.ALSO, value = "404")
    public List<ProgrammeTargetView> targets(@PathParam("code") String code, @PathParam("phase") String phase) {
        return service.targets(code, phase).stream().map(ProgrammeTargetView::of).toList();
    }

    @PUT
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Path("/{code}/phases/{phase}/targets")
    @Operation(summary = "Replace the targets of a phase; units left out no longer have one")
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    @Tag(name = "National administration")
    public List<ProgrammeTargetView> setTargets(@PathParam("code") String code, @PathParam("phase") String phase,
            @NotNull List<@NotNull @Valid ProgrammeTargetRequest> targets) {
        return service.setTargets(code, phase, targets.stream().map(ProgrammeTargetRequest::toTarget).toList())
                .stream().map(ProgrammeTargetView::of).toList();
    }
}
