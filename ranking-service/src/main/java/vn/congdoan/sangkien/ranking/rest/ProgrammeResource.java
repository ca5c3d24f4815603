package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.ranking.service.ProgrammeService;
import vn.congdoan.sangkien.ranking.service.ProgrammeService.Summary;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.View;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards")
public class ProgrammeResource {

    private final ProgrammeService programmes;
    private final ConditionalGet conditional;

    ProgrammeResource(ProgrammeService programmes, ConditionalGet conditional) {
        this.programmes = programmes;
        this.conditional = conditional;
    }

    @GET
    @Path("{code}/summary")
    @Operation(summary = "National totals of a programme, its share of the target, days elapsed and remaining")
    @APIResponse(responseCode = "200", description = "The summary, with its entity tag",
            content = @Content(schema = @Schema(implementation = Summary.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such programme")
    public Response summary(@PathParam("code") String code,
            @Parameter(description = "The day at the end of which to give the figures (Vietnam time); today when "
                    + "left out", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf")
            String asOf,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(summaryOf(code, Params.date("asOf", asOf)), ifNoneMatch, ifModifiedSince);
    }

    @GET
    @Path("{code}/history")
    @Operation(operationId = "programmeHistory", summary = "A programme's figures at the end of each day or week, of "
            + "the country or of the provinces of "
            + "a region or emulation cluster, from what has been counted: for charts")
    @APIResponse(responseCode = "200", description = "The points, oldest first",
            content = @Content(schema = @Schema(implementation = ProgrammeService.Series.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "400,404")
    public Response history(@PathParam("code") String code,
            @BeanParam SeriesParams period,
            @Parameter(description = "A region's code: the sums of its provinces") @QueryParam("region") String region,
            @Parameter(description = "An emulation cluster's code: the sums of its provinces") @QueryParam("cluster")
            String cluster,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(programmes.series(code, period.from(), period.to(), period.step(),
                Params.blankToNull(region), Params.blankToNull(cluster)), ifNoneMatch,
                ifModifiedSince);
    }

    private View summaryOf(String code, LocalDate day) {
        return programmes.summary(code, day).orElseThrow(() -> StandingsService.unknownProgramme(code));
    }
}
