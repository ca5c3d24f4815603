package vn.congdoan.sangkien.ranking.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.ranking.service.ProgrammeService;
import vn.congdoan.sangkien.ranking.service.ProgrammeService.Summary;
import vn.congdoan.sangkien.ranking.service.ProgrammeService.SummaryRequest;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.View;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standings")
public class ProgrammeResource {

    private final ProgrammeService programmes;
    private final ConditionalGet conditional;
    private final EventStreams streams;

    ProgrammeResource(ProgrammeService programmes, ConditionalGet conditional, EventStreams streams) {
        this.programmes = programmes;
        this.conditional = conditional;
        this.streams = streams;
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

    @GET
    @Path("{code}/summary/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "The summary now, then again whenever it changes (at most once a second), as Server-Sent "
            + "Events; a comment line keeps a quiet stream alive",
            description = "Each event is named summary, with the entity tag of the summary as its id and retry:; a "
                    + "client that reconnects with Last-Event-ID gets nothing until it changes. Streams count "
                    + "against the same limits as those of the standings.")
    public Multi<OutboundSseEvent> summaryStream(@PathParam("code") String code,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse, @Context HttpServerRequest http) {
        return streams.events("summary", new SummaryRequest(code), () -> summaryOf(code), lastEventId, sse, http);
    }

    private View summaryOf(String code) {
        return programmes.summary(code).orElseThrow(() -> StandingsService.unknownProgramme(code));
    }
}
