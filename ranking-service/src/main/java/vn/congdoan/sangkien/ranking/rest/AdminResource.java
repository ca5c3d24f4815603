package vn.congdoan.sangkien.ranking.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.ranking.service.RebuildJobs;
import vn.congdoan.sangkien.ranking.service.StandingsService;

@Path("/api/v1/admin")
@RolesAllowed(Roles.NATIONAL_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "National administration")
public class AdminResource {

    private final StandingsService standings;
    private final RebuildJobs rebuilds;
    private final Caller caller;

    public AdminResource(StandingsService standings, RebuildJobs rebuilds, Caller caller) {
        this.standings = standings;
        this.rebuilds = rebuilds;
        this.caller = caller;
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
    @Operation(summary = "Start a rebuild of the counters from initiative-events.v1 offset 0, compared with the live ones",
            description = "Answers 202 at once with the job's status resource (Location); the job replays the topic"
                    + " into copies of the counters, then compares every table of them with the live ones. With"
                    + " repair=true, live counters that differ are replaced by the rebuilt ones (of the programme"
                    + " given, or of all); live counting waits only for the final comparison and copy. One rebuild"
                    + " runs at a time (409 meanwhile); one left running by a stopped instance is taken up again.")
    @APIResponse(responseCode = "202", description = "Started; Location names the job's status resource",
            content = @Content(schema = @Schema(implementation = RebuildJobs.Job.class)))
    @Extension(name = Answers.ALSO, value = "401,403,409")
    public Response startRebuild(@QueryParam("programme") String programme, @QueryParam("repair") String repair) {
        RebuildJobs.Job job = rebuilds.start(Params.blankToNull(programme), QueryParams.flag("repair", repair),
                caller.key());
        return Response.accepted(job).location(URI.create("/api/v1/admin/rebuild/" + job.id())).build();
    }

    @GET
    @Path("rebuild")
    @Operation(summary = "The latest rebuilds, newest first")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<RebuildJobs.Job> listRebuilds() {
        return rebuilds.recent();
    }

    @GET
    @Path("rebuild/{id}")
    @Operation(summary = "A rebuild: RUNNING with its phase, then DONE with its report or FAILED with its error")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public RebuildJobs.Job getRebuild(@PathParam("id") String id) {
        UUID uuid = QueryParams.uuid("id", id);
        return rebuilds.get(uuid).orElseThrow(() -> ProblemException.notFound(Text.of("Rebuild", "Lượt dựng lại"), uuid));
    }
}
