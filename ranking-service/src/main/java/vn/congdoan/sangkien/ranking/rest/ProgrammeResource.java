package vn.congdoan.sangkien.ranking.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.StandingsService.Summary;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards")
public class ProgrammeResource {

    private final StandingsService standings;

    public ProgrammeResource(StandingsService standings) {
        this.standings = standings;
    }

    @GET
    @Path("{code}/summary")
    @Operation(summary = "National totals of a programme, its share of the target, days elapsed and remaining")
    @Extension(name = Answers.ALSO, value = "404")
    public Summary summary(@PathParam("code") String code) {
        return standings.summary(code).orElseThrow(() -> StandingsService.unknownProgramme(code));
    }
}
