package vn.congdoan.sangkien.ranking.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.Metric;
import vn.congdoan.sangkien.ranking.service.ProgrammeService;
import vn.congdoan.sangkien.ranking.service.StandingRow;
import vn.congdoan.sangkien.ranking.service.StandingsService;
import vn.congdoan.sangkien.ranking.service.StandingsService.Query;
import vn.congdoan.sangkien.ranking.service.View;
import vn.congdoan.sangkien.ranking.service.Views;

/**
 * The widget a province embeds in its portal: its own row, or the table of its region or emulation cluster, as
 * HTML rendered here. It works without script (a meta refresh); with script it fetches itself again when the
 * standings change. Other sites may frame it, as {@code ranking.widget-frame-ancestors} allows; the page may not.
 */
@Path("/widget")
@Tag(name = "Leaderboard")
public class WidgetResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    /** One line of the widget, its figures already written out. */
    @TemplateData
    public record Line(String rank, String name, String submissions, String submitters, String targetPercent,
            String thisWeek, String movement, String movementClass, boolean highlight) {
    }

    /** What the widget shows, kept among the {@link Views}. */
    private record WidgetRequest(String programme, String province, String region, String cluster, Metric sort,
            int refresh, boolean script) {
    }

    private final StandingsService standings;
    private final ProgrammeService programmes;
    private final Views views;
    private final ConditionalGet conditional;
    private final Template widget;
    private final ZoneId zone;
    private final String frameAncestors;

    WidgetResource(StandingsService standings, ProgrammeService programmes, Views views, ConditionalGet conditional,
            @Location("widget.html") Template widget, RankingConfig config) {
        this.standings = standings;
        this.programmes = programmes;
        this.views = views;
        this.conditional = conditional;
        this.widget = widget;
        this.zone = config.zone();
        this.frameAncestors = config.widgetFrameAncestors();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "An embeddable widget: a province's row (province=), or the table of a region (region=) or "
            + "emulation cluster (cluster=) with that province's row marked",
            description = "refresh: seconds between reloads when script does not run (10 to 3600, default 60); "
                    + "script=false: no script at all. Framed by the sites ranking.widget-frame-ancestors allows.")
    public Response widget(@QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @QueryParam("province") String province, @QueryParam("region") String region,
            @QueryParam("cluster") String cluster, @QueryParam("sort") String sort,
            @QueryParam("refresh") @DefaultValue("60") String refresh,
            @QueryParam("script") @DefaultValue("true") String script,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        WidgetRequest request = new WidgetRequest(programme, Params.blankToNull(province), Params.blankToNull(region),
                Params.blankToNull(cluster), Params.sort(sort), refresh(refresh), Params.bool("script", script));
        if (request.province() == null && request.region() == null && request.cluster() == null) {
            throw ProblemException.badRequest("province", Text.of("name a province, a region or an emulation cluster",
                    "hãy nêu một tỉnh, một vùng hoặc một cụm thi đua"));
        }
        View view = views.render(request, () -> render(request))
                .orElseThrow(() -> ProblemException.notFound(Text.of("Province in force", "Tỉnh đang hiệu lực"), province));
        return conditional.respond(view, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"), ifNoneMatch, null)
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors " + frameAncestors)
                .build();
    }

    private Optional<byte[]> render(WidgetRequest r) {
        String group = r.cluster() != null ? r.cluster() : r.region();
        Query query = new Query(r.programme(), r.sort(), r.region(), r.cluster(), null);
        View standingsView = standings.standings(query);
        List<StandingRow> rows = standings.rows(query);
        if (r.province() != null) {
            Optional<StandingRow> own = rows.stream().filter(row -> isProvince(row, r.province())).findFirst();
            if (own.isEmpty()) {
                return Optional.empty();
            }
            if (group == null) {
                rows = List.of(own.get());
            }
        }
        String heading = group == null ? rows.get(0).shortName() + " — hạng " + rows.get(0).rank() + " toàn quốc"
                : groupName(group);
        List<Line> lines = rows.stream().map(row -> line(row, r)).toList();
        String stream = "/api/v1/standings/stream?programme=" + encode(r.programme()) + "&sort=" + r.sort().param()
                + (r.region() == null ? "" : "&region=" + encode(r.region()))
                + (r.cluster() == null ? "" : "&cluster=" + encode(r.cluster()));
        String page = "/#" + (r.cluster() != null ? "cum=" + encode(r.cluster())
                : r.region() != null ? "khu-vuc=" + encode(r.region()) : "tinh=" + encode(r.province()));
        return Optional.of(widget.data("heading", heading).data("lines", lines).data("refresh", r.refresh())
                .data("script", r.script()).data("stream", stream).data("etag", standingsView.etag())
                .data("page", page).data("updated", TIME.format(standingsView.changedAt().atZone(zone)))
                .render().getBytes(StandardCharsets.UTF_8));
    }

    private static Line line(StandingRow row, WidgetRequest r) {
        Integer rank = r.cluster() != null ? row.clusterRank() : r.region() != null ? row.regionRank() : row.rank();
        Integer movement = row.movementSinceLastWeek();
        return new Line(rank == null ? "–" : rank.toString(), row.shortName(), VietnameseFormat.count(row.submissions()),
                VietnameseFormat.count(row.submitters()), VietnameseFormat.percent(row.targetPercent()),
                VietnameseFormat.count(row.thisWeek()), VietnameseFormat.movement(movement),
                movement == null || movement == 0 ? "" : movement > 0 ? "up" : "down",
                r.province() != null && isProvince(row, r.province()));
    }

    private static boolean isProvince(StandingRow row, String idOrCode) {
        return idOrCode.equals(row.code()) || idOrCode.equalsIgnoreCase(row.provinceId().toString());
    }

    private String groupName(String code) {
        return programmes.groupingsInForce().stream().filter(g -> g.code().equals(code))
                .map(ProgrammeService.Grouping::name).findFirst().orElse(code);
    }

    private static int refresh(String value) {
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 10 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("refresh", Text.of("refresh must be a number of seconds from 10 to 3600; "
                + "got " + value, "refresh phải là số giây từ 10 đến 3600; nhận được " + value));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
