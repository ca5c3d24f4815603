package vn.congdoan.sangkien.orgunit.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "The union hierarchy")
public class OrgUnitResource {

    private final OrgUnitService service;

    public OrgUnitResource(OrgUnitService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create a unit below an existing one")
    public Response create(@Valid @NotNull CreateOrgUnitRequest request) {
        OrgUnit unit = service.create(request.toCommand());
        return Response.created(URI.create("/api/v1/units/" + unit.id)).entity(OrgUnitView.of(unit)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One unit by id")
    public OrgUnitView get(@PathParam("id") UUID id) {
        return service.find(id).map(OrgUnitView::of).orElseThrow(() -> ProblemException.notFound("Unit", id));
    }

    @GET
    @Path("/by-code/{code}")
    @Operation(summary = "One unit by its code (provincial federations: the two-digit province code)")
    public OrgUnitView byCode(@PathParam("code") String code) {
        return service.findByCode(code).map(OrgUnitView::of)
                .orElseThrow(() -> ProblemException.notFound("Unit with code", code));
    }
}
