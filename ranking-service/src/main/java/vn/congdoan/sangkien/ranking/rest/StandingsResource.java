package vn.congdoan.sangkien.ranking.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.HttpDates;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.StandingRow;
import vn.congdoan.sangkien.ranking.service.StandingsBroadcast;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.StandingsService.History;
import vn.congdoan.sangkien.ranking.service.StandingsService.Query;
import vn.congdoan.sangkien.ranking.service.StandingsService.View;

@Path("/api/v1/standings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboards", description = "Public standings of the provincial federations, polled or streamed")
public class StandingsResource {

    private final StandingsService standings;
    private final StandingsBroadcast broadcast;
    private final CacheControl cacheControl;
    private final long reconnectDelayMillis;

    public StandingsResource(StandingsService standings, StandingsBroadcast broadcast, RankingConfig config) {
        this.standings = standings;
        this.broadcast = broadcast;
        this.reconnectDelayMillis = config.streams().reconnectDelay().toMillis();
        this.cacheControl = new CacheControl();
        cacheControl.setMaxAge((int) config.cacheMaxAge().toSeconds());
    }

    @GET
    @Operation(summary = "Provincial standings of a programme, today or at the end of a past day")
    @APIResponse(responseCode = "200", description = "Every province in force, in rank order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = StandingRow.class)))
    @APIResponse(responseCode = "304",
            description = "Unchanged since the entity tag in If-None-Match or, without it, since If-Modified-Since")
    @APIResponse(responseCode = "404", description = "No such programme, or no snapshot of that date")
    public Uni<Response> standings(@QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @QueryParam("sort") String sort, @QueryParam("region") String region,
            @QueryParam("cluster") String cluster, @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince, @Context Request request) {
        Query query = query(programme, sort, region, cluster, date);
        Instant modifiedSince = ifNoneMatch == null ? HttpDates.parse(ifModifiedSince) : null;
        // Dashboards poll this hard: standings already in memory are answered on the I/O thread; only a change of
        // revision sends the request to a worker thread to be computed.
        return standings.cached(query).map(view -> Uni.createFrom().item(respond(view, modifiedSince, request)))
                .orElseGet(() -> Uni.createFrom().item(() -> respond(standings.standings(query), modifiedSince,
                        request)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * 304 when the client's copy is current. If-None-Match, when sent, decides alone (RFC 9110, 13.2.2); otherwise
     * If-Modified-Since does, compared with the true change time rather than the whole second Last-Modified shows.
     *
     * @param modifiedSince If-Modified-Since when it counts: sent, valid, and without If-None-Match; else null
     */
    private Response respond(View view, Instant modifiedSince, Request request) {
        EntityTag tag = new EntityTag(view.etag());
        Response.ResponseBuilder response;
        if (modifiedSince != null) {
            response = standings.unchangedSince(view, modifiedSince) ? Response.notModified(tag) : null;
        } else {
            response = request.evaluatePreconditions(tag);
        }
        if (response == null) {
            response = Response.ok(view.json(), MediaType.APPLICATION_JSON_TYPE);
        }
        standings.lastModified(view).map(Date::from).ifPresent(response::lastModified);
        return response.tag(tag).cacheControl(cacheControl).build();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "The standings now, then again whenever they change (at most once a second), as Server-Sent "
            + "Events; a comment line keeps a quiet stream alive",
            description = "Each event is named standings, with the entity tag of the standings as its id: a client "
                    + "that reconnects with Last-Event-ID gets nothing until they change. One address may hold a "
                    + "limited number of streams (429 beyond), the service a limited number in all (503).")
    @APIResponse(responseCode = "200", description = "A stream of events named standings, each the JSON array that "
            + "GET /api/v1/standings answers", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(type = SchemaType.STRING)))
    @Extension(name = Answers.ALSO, value = "404,429")
    public Multi<OutboundSseEvent> stream(
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme,
            @QueryParam("sort") String sort, @QueryParam("region") String region,
            @QueryParam("cluster") String cluster, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse, @Context HttpServerRequest http) {
        Query query = query(programme, sort, region, cluster, null);
        standings.validate(query);
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return broadcast.subscribe(query, lastEventId, address).map(push -> {
            if (push instanceof StandingsBroadcast.Standings pushed) {
                return sse.newEventBuilder().name("standings").id(pushed.view().etag())
                        .reconnectDelay(reconnectDelayMillis).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, new String(pushed.view().json(), StandardCharsets.UTF_8)).build();
            }
            return sse.newEventBuilder().comment("keep-alive").build();
        });
    }

    @GET
    @Path("{province}")
    @Operation(summary = "One province's row in today's standings, by id or code")
    @Extension(name = Answers.ALSO, value = "404")
    public StandingRow province(@PathParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme,
            @QueryParam("sort") String sort) {
        return standings.province(programme, province, Params.sort(sort))
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province in force", "Tỉnh đang hiệu lực"),
                        province));
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

    /** Checked here rather than by bean validation: this is the hot path dashboards poll. */
    private static Query query(String programme, String sort, String region, String cluster, String date) {
        if (programme == null || programme.isBlank()) {
            throw ProblemException.badRequest("programme", Text.of("must not be blank", "không được để trống"));
        }
        return new Query(programme, Params.sort(sort), Params.blankToNull(region), Params.blankToNull(cluster),
                Params.date("date", date));
    }
}
