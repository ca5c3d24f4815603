package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.BodyLimit;
import vn.congdoan.sangkien.kit.problem.Problem;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.TokenUnits;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;
import vn.congdoan.sangkien.ranking.service.Metric;
import vn.congdoan.sangkien.ranking.service.ProgrammeService;
import vn.congdoan.sangkien.ranking.service.ProgrammeService.SummaryRequest;
import vn.congdoan.sangkien.ranking.service.StandingsBroadcast;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.StandingsService.Query;
import vn.congdoan.sangkien.ranking.service.UnitAccess;
import vn.congdoan.sangkien.ranking.service.UnitStandings;
import vn.congdoan.sangkien.ranking.service.View;

/**
 * The Server-Sent Events streams of the standings and of a programme's summary, on Vert.x rather than JAX-RS: the
 * broadcast writes each event once and every connection is sent the same bytes. Through JAX-RS each stream got a
 * copy of its own of every event (as text, then as bytes): 5,000 streams of the 28 KB national standings did not fit
 * the service's heap. Their documentation is in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
class StreamRoutes {

    private static final Logger LOG = Logger.getLogger(StreamRoutes.class);

    private final StandingsService standings;
    private final ProgrammeService programmes;
    private final StandingsBroadcast broadcast;
    private final ObjectMapper json;
    private final UnitStandings unitStandings;
    private final UnitAccess access;
    private final TokenUnits tokenUnits;
    private final IdentityProviderManager identities;

    StreamRoutes(StandingsService standings, ProgrammeService programmes, StandingsBroadcast broadcast,
            ObjectMapper json, UnitStandings unitStandings, UnitAccess access, TokenUnits tokenUnits,
            IdentityProviderManager identities) {
        this.identities = identities;
        this.standings = standings;
        this.unitStandings = unitStandings;
        this.access = access;
        this.tokenUnits = tokenUnits;
        this.programmes = programmes;
        this.broadcast = broadcast;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/standings/stream").blockingHandler(rc -> open(rc, () -> {
            Query query = StandingsResource.query(param(rc, "programme"), rc.request().getParam("sort"),
                    rc.request().getParam("region"), rc.request().getParam("cluster"),
                    Params.date("asOf", rc.request().getParam("asOf")));
            standings.validate(query);
            return new Stream(query, "standings", () -> standings.standings(query));
        }), false);
        router.get("/api/v1/programmes/:code/summary/stream").blockingHandler(rc -> open(rc, () -> {
            String code = rc.pathParam("code");
            LocalDate day = Params.date("asOf", rc.request().getParam("asOf"));
            programmes.summary(code, day).orElseThrow(() -> StandingsService.unknownProgramme(code));
            return new Stream(new SummaryRequest(code, day), "summary", () -> programmes.summary(code, day)
                    .orElseThrow(() -> StandingsService.unknownProgramme(code)));
        }), false);
        router.get("/api/v1/standings/units/:unit/stream").blockingHandler(rc -> open(rc, () -> {
            String programme = param(rc, "programme");
            OrgUnitType level = UnitStandingsResource.level(rc.request().getParam("level"));
            Metric sort = Params.sort(rc.request().getParam("sort"));
            LocalDate day = Params.date("asOf", rc.request().getParam("asOf"));
            int limit = QueryParams.limit(rc.request().getParam("limit"), 100, UnitStandingsResource.MAX_LIMIT);
            Unit root = unitStandings.unit(rc.pathParam("unit"));
            access.checkRead(caller(rc), root, level);
            unitStandings.followedPage(programme, root, level, sort, day, limit);
            return new Stream(new UnitStreamRequest(programme, root.id(), level, sort, day, limit), "standings",
                    () -> unitStandings.followedPage(programme, root, level, sort, day, limit));
        }), false);
    }

    /** What a stream of the standings below a unit follows. */
    private record UnitStreamRequest(String programme, UUID unit, OrgUnitType level, Metric sort, LocalDate day,
            int limit) {
    }

    /** Who opened a stream, as the resources know them. */
    private Caller caller(RoutingContext rc) {
        try {
            // authentication is not proactive: the stream asks for the identity when it needs it
            SecurityIdentity identity = QuarkusHttpUser.getSecurityIdentityBlocking(rc, identities);
            return new Caller(identity, tokenUnits);
        } catch (AuthenticationFailedException e) {
            throw ProblemException.unauthorized();
        }
    }

    /** What a request asks to follow. */
    private record Stream(Object key, String name, Supplier<View> read) {
    }

    private void open(RoutingContext rc, Supplier<Stream> asked) {
        HttpServerResponse response = rc.response();
        try {
            Stream stream = asked.get();
            response.setChunked(true).putHeader("Content-Type", "text/event-stream;charset=UTF-8")
                    .putHeader("Cache-Control", "no-store")
                    // nginx and proxies like it would otherwise hold the events back to fill a buffer
                    .putHeader("X-Accel-Buffering", "no");
            String address = rc.request().remoteAddress() == null ? "unknown"
                    : rc.request().remoteAddress().hostAddress();
            Runnable end = broadcast.subscribe(stream.key(), stream.name(), stream.read(),
                    rc.request().getHeader("Last-Event-ID"), address, new StandingsBroadcast.Sink() {
                        @Override
                        public boolean ready() {
                            return !response.closed() && !response.writeQueueFull();
                        }

                        @Override
                        public void send(Buffer bytes) {
                            response.write(bytes);
                        }
                    });
            if (!response.headWritten()) {
                // the client already had what the stream shows (Last-Event-ID): the headers go now, events later
                response.write(Buffer.buffer());
            }
            response.closeHandler(v -> end.run());
            if (response.closed()) {
                end.run();
            }
        } catch (ProblemException e) {
            refuse(rc, e);
        } catch (RuntimeException e) {
            LOG.warnf("A stream was not opened: %s", e.getMessage());
            refuse(rc, ProblemException.unavailable(Text.of("The standings cannot be read now; retry shortly",
                    "Chưa đọc được bảng xếp hạng; hãy thử lại sau ít phút"), 5));
        }
    }

    private static String param(RoutingContext rc, String name) {
        String value = rc.request().getParam(name);
        return value == null ? "1-trieu-sang-kien" : value;
    }

    private void refuse(RoutingContext rc, ProblemException e) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.headers().remove("Content-Type").remove("X-Accel-Buffering");
        response.setChunked(false).setStatusCode(e.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (e.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        try {
            response.end(Buffer.buffer(json.writeValueAsBytes(e.toProblem(BodyLimit.vietnamese(rc)))));
        } catch (JsonProcessingException impossible) {
            response.end();
        }
    }
}
