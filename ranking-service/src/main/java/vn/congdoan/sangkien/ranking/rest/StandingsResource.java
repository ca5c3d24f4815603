package vn.congdoan.sangkien.ranking.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.service.StandingRow;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.StandingsService.History;
import vn.congdoan.sangkien.ranking.service.StandingsService.Query;

@Path("/api/v1/standings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards", description = "Public standings of the provincial federations, polled or streamed")
public class StandingsResource {

    private final StandingsService standings;
    private final ConditionalGet conditional;

    StandingsResource(StandingsService standings, ConditionalGet conditional) {
        this.standings = standings;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "Provincial standings of a programme, today or at the end of a past day")
    @APIResponse(responseCode = "200", description = "Every province in force, in rank order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = StandingRow.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match (weak or "
            + "strong) or, without it, since If-Modified-Since")
    @APIResponse(responseCode = "404", description = "No such programme, or no snapshot of that date")
    public Uni<Response> standings(@QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @QueryParam("sort") String sort, @QueryParam("region") String region,
            @QueryParam("cluster") String cluster,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        Query query = query(programme, sort, region, cluster, date);
        // Dashboards poll this hard: standings already in memory are answered on the I/O thread; only a change of
        // revision sends the request to a worker thread to be computed.
        return standings.cached(query)
                .map(view -> Uni.createFrom().item(conditional.respond(view, ifNoneMatch, ifModifiedSince)))
                .orElseGet(() -> Uni.createFrom().item(() -> conditional.respond(standings.standings(query),
                        ifNoneMatch, ifModifiedSince)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @GET
    @Path("{province}")
    @Operation(summary = "One province's row in today's standings, by id or code")
    @APIResponse(responseCode = "200", description = "The row, with its entity tag",
            content = @Content(schema = @Schema(implementation = StandingRow.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "404")
    public Response province(@PathParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme,
            @QueryParam("sort") String sort, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(standings.provinceView(programme, province, Params.sort(sort))
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province in force", "Tỉnh đang hiệu lực"), province)), ifNoneMatch,
                ifModifiedSince);
    }

    @GET
    @Path("{province}/history")
    @Operation(summary = "A province's daily snapshots, and its longest and current runs at national rank 1")
    @Extension(name = Answers.ALSO, value = "404")
    public History history(@PathParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        return standings.history(programme, province, Params.date("from", from), Params.date("to", to))
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province", "Tỉnh"), province));
    }

    /** Checked here rather than by bean validation: this is the hot path dashboards poll, and streams open. */
    static Query query(String programme, String sort, String region, String cluster, String date) {
        if (programme == null || programme.isBlank()) {
            throw ProblemException.badRequest("programme", Text.of("must not be blank", "không được để trống"));
        }
        return new Query(programme, Params.sort(sort), Params.blankToNull(region), Params.blankToNull(cluster),
                Params.date("date", date));
    }
}
