package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;

import jakarta.ws.rs.BeanParam;
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
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.service.Metric;
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
    @APIResponse(responseCode = "404", description = "No such programme")
    public Uni<Response> standings(@QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @QueryParam("sort") String sort, @QueryParam("region") String region,
            @QueryParam("cluster") String cluster,
            @Parameter(description = "The day at the end of which to show the standings (Vietnam time); today when "
                    + "left out", schema = @Schema(type = SchemaType.STRING, format = "date", example = "2022-04-15"))
            @QueryParam("asOf") String asOf,
            @Parameter(description = "The former name of asOf", deprecated = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        Query query = query(programme, sort, region, cluster, Params.asOf(asOf, date));
        // Dashboards poll this hard: standings already in memory are answered on the I/O thread; only a change of
        // revision sends the request to a worker thread to be computed.
        return standings.cached(query)
                .map(view -> Uni.createFrom().item(conditional.respond(view, ifNoneMatch, ifModifiedSince)))
                .orElseGet(() -> Uni.createFrom().item(() -> conditional.respond(standings.standings(query),
                        ifNoneMatch, ifModifiedSince)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @GET
    @Path("{province}")
    @Operation(summary = "One province's row in the standings of today or at the end of a past day, by id or code")
    @APIResponse(responseCode = "200", description = "The row, with its entity tag",
            content = @Content(schema = @Schema(implementation = StandingRow.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "404")
    public Response province(@PathParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @QueryParam("sort") String sort,
            @Parameter(description = "The day at the end of which to show the row (Vietnam time); today when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        LocalDate day = Params.date("asOf", asOf);
        standings.validate(new Query(Params.programme(programme), Metric.SUBMISSIONS, null, null, day));
        return conditional.respond(standings.provinceView(programme, province, Params.sort(sort), day)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province in force", "Tỉnh đang hiệu lực"), province)), ifNoneMatch,
                ifModifiedSince);
    }

    @GET
    @Path("{province}/history")
    @Operation(operationId = "provinceHistory", summary = "A province's standings at the end of each day or week, from "
            + "what has been counted, and its longest and current runs at national rank 1")
    @APIResponse(responseCode = "200", description = "The points, oldest first",
            content = @Content(schema = @Schema(implementation = History.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "404")
    public Response history(@PathParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @BeanParam SeriesParams period,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(standings.historyView(Params.programme(programme), province, period.from(),
                period.to(), period.step())
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province", "Tỉnh"), province)), ifNoneMatch,
                ifModifiedSince);
    }

    @GET
    @Path("published/{date}")
    @Operation(operationId = "publishedStandings",
            summary = "The standings as published at the end of a day, kept by that night's snapshot",
            description = "A record of what was shown then: late data for that day changes its standings (asOf) but"
                    + " not what was published.")
    @APIResponse(responseCode = "200", description = "The snapshot's rows, in rank order",
            content = @Content(schema = @Schema(implementation = StandingsService.Published.class)))
    @APIResponse(responseCode = "404", description = "No such programme, or no snapshot of that day")
    @Extension(name = Answers.ALSO, value = "400")
    public StandingsService.Published published(@PathParam("date") String date,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme) {
        LocalDate day = Params.date("date", date);
        return standings.published(Params.programme(programme), day).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, Text.of("No snapshot of " + programme + " was taken for " + day,
                        "Không có ảnh chụp bảng xếp hạng " + programme + " cho ngày " + day), "date"));
    }

    /** Checked here rather than by bean validation: this is the hot path dashboards poll, and streams open. */
    static Query query(String programme, String sort, String region, String cluster, LocalDate date) {
        return new Query(Params.programme(programme), Params.sort(sort), Params.blankToNull(region),
                Params.blankToNull(cluster), date);
    }
}
