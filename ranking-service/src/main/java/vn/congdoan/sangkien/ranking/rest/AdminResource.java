package vn.congdoan.sangkien.ranking.rest;

import java.net.URI;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.ranking.service.RebuildService;
import vn.congdoan.sangkien.ranking.service.StandingsService;

@Path("/api/v1/admin")
@RolesAllowed(Roles.NATIONAL_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "National administration")
public class AdminResource {

    private final StandingsService standings;
    private final RebuildService rebuild;

    public AdminResource(StandingsService standings, RebuildService rebuild) {
        this.standings = standings;
        this.rebuild = rebuild;
    }

    @POST
    @Path("snapshots")
    @Operation(summary = "Keep the live standings as those at the end of a day (today by default), replacing any")
    @APIResponse(responseCode = "201", description = "Taken; Location names the standings of that day",
            content = @Content(schema = @Schema(implementation = StandingsService.SnapshotTaken.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public Response snapshot(@QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("date") String date) {
        LocalDate day = Params.date("date", date);
        var taken = standings.takeSnapshot(programme, day == null ? standings.today() : day, true).orElseThrow();
        URI location = UriBuilder.fromPath("/api/v1/standings").queryParam("programme", programme)
                .queryParam("date", taken.date()).build();
        return Response.created(location).entity(taken).build();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Rebuild the counters from initiative-events.v1 offset 0 and compare them with the live ones",
            description = "With repair=true, live counters that differ are replaced by the rebuilt ones (of the"
                    + " programme given, or of all); live counting waits meanwhile.")
    @APIResponse(responseCode = "200", description = "The comparison, and whether it repaired",
            content = @Content(schema = @Schema(implementation = RebuildService.Report.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409")
    public RebuildService.Report rebuild(@QueryParam("programme") String programme,
            @QueryParam("repair") String repair) {
        return rebuild.rebuild(Params.blankToNull(programme), QueryParams.flag("repair", repair));
    }
}
