package vn.congdoan.sangkien.ranking.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    public Response summary(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(summaryOf(code), ifNoneMatch, ifModifiedSince);
    }

    private View summaryOf(String code) {
        return programmes.summary(code).orElseThrow(() -> StandingsService.unknownProgramme(code));
    }
}
