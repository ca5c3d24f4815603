package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

import io.quarkus.security.Authenticated;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.ApiKeyAuthenticationMechanism;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;
import vn.congdoan.sangkien.ranking.service.Metric;
import vn.congdoan.sangkien.ranking.service.UnitAccess;
import vn.congdoan.sangkien.ranking.client.InitiativeTitles;
import vn.congdoan.sangkien.ranking.service.UnitReports;
import vn.congdoan.sangkien.ranking.service.UnitStandings;
import vn.congdoan.sangkien.ranking.service.UnitStandings.Page;

@Path("/api/v1/standings/units/{unit}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "The competition inside a province: the standings of its districts and grassroots "
        + "unions, for its members and officers")
public class UnitStandingsResource {

    /** Whether the figures of a province's units are shown to everyone. */
    public record VisibilityRequest(@NotNull Boolean figuresPublic) {
    }

    static final int MAX_LIMIT = 500;

    private final UnitStandings standings;
    private final UnitAccess access;
    private final UnitReports reports;
    private final ConditionalGet conditional;
    private final Caller caller;

    UnitStandingsResource(UnitStandings standings, UnitAccess access, UnitReports reports, ConditionalGet conditional,
            Caller caller) {
        this.standings = standings;
        this.reports = reports;
        this.access = access;
        this.conditional = conditional;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "unitStandings", summary = "The standings of the units below a unit, today or at the end "
            + "of a past day",
            description = "The units directly below it, or every unit of one type below it (level), each counting "
                    + "the initiatives of its whole subtree with the figures of a province's row. An initiative counts "
                    + "for the unit it was submitted through and the units above that unit as the tree stands now; "
                    + "a unit that ended with a successor shows in the successor's row. Rows below a province are "
                    + "for the signed-in members and officers of that province and national roles, unless the "
                    + "province made them public.")
    @APIResponse(responseCode = "200", description = "A page of rows, in rank order",
            content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "400,401,403,404")
    public Response standings(
            @Parameter(description = "The unit, by id or code") @PathParam("unit") String unit,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @Parameter(description = "Rank every unit of this type below the unit instead of those directly below it",
                    schema = @Schema(enumeration = {"PROVINCIAL_FEDERATION", "SECTOR_UNION", "CORPORATION_UNION",
                            "DIRECT_SUPERIOR", "GRASSROOTS"})) @QueryParam("level") String level,
            @QueryParam("sort") String sort,
            @Parameter(description = "The day at the end of which to show the standings (Vietnam time); today when "
                    + "left out", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf")
            String asOf,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Rows per page, 1 to 500", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "100")) @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        String code = Params.programme(programme);
        OrgUnitType type = level(level);
        Metric metric = Params.sort(sort);
        LocalDate day = Params.date("asOf", asOf);
        int size = QueryParams.limit(limit, 100, MAX_LIMIT);
        int offset = offset(cursor);
        Unit root = standings.unit(unit);
        access.checkRead(caller, root, type);
        return conditional.respond(standings.page(code, root, type, metric, day, offset, size), ifNoneMatch,
                ifModifiedSince);
    }

    @GET
    @Path("visibility")
    @Operation(operationId = "unitFiguresVisibility", summary = "Whether the figures of a province's units are public")
    @APIResponse(responseCode = "200", description = "The province (or national union) the unit belongs to and its "
            + "setting", content = @Content(schema = @Schema(implementation = UnitAccess.Visibility.class)))
    @Extension(name = Answers.ALSO, value = "404,422")
    public UnitAccess.Visibility visibility(@PathParam("unit") String unit) {
        return access.visibility(standings.unit(unit));
    }

    @PUT
    @Authenticated
    @Path("visibility")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUnitFiguresVisibility", summary = "Show the figures of a province's units to everyone, "
            + "or to its own members and officers only",
            description = "For the province's (or national union's) administrators and national administrators.")
    @APIResponse(responseCode = "200", description = "The setting as it now stands",
            content = @Content(schema = @Schema(implementation = UnitAccess.Visibility.class)))
    @Extension(name = Answers.ALSO, value = "400,401,403,404,422")
    public UnitAccess.Visibility setVisibility(@PathParam("unit") String unit,
            @NotNull @Valid VisibilityRequest request) {
        return access.setVisibility(caller, standings.unit(unit), request.figuresPublic());
    }

    @GET
    @Path("breakdown")
    @Operation(operationId = "unitBreakdown", summary = "Counts by field or by sector over a period, for the whole "
            + "programme (the confederation), a province, or any unit's subtree",
            description = "submissions and recognized count what was submitted (recognised) within the period and "
                    + "still counts at its end; the ToDate figures count everything at its end. The sector is that "
                    + "of the unit an initiative was submitted through. Public for the confederation and the "
                    + "provinces; below a province, as its units' standings.")
    @APIResponse(responseCode = "200", description = "The groups: every sector, or every field counted; NOT_SET last",
            content = @Content(schema = @Schema(implementation = UnitReports.Breakdown.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    @Extension(name = Answers.ALSO, value = "400,401,403,404")
    public Response breakdown(@Parameter(description = "The unit, by id or code") @PathParam("unit") String unit,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @Parameter(description = "What to count by", schema = @Schema(enumeration = {"FIELD", "SECTOR"}))
            @QueryParam("by") String by,
            @Parameter(description = "First day of the period; the programme's first day when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day of the period; today when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        String code = Params.programme(programme);
        UnitFiguresRepository.By grouping = QueryParams.enumValue("by", UnitFiguresRepository.By.class, by);
        if (grouping == null) {
            throw ProblemException.badRequest("by", Text.of("must be FIELD or SECTOR", "phải là FIELD hoặc SECTOR"))
                    .allowed(UnitFiguresRepository.By.class);
        }
        LocalDate first = Params.date("from", from);
        LocalDate last = Params.date("to", to);
        Unit root = standings.unit(unit);
        access.checkFigures(caller, root);
        return conditional.respond(reports.breakdown(code, root, grouping, first, last), ifNoneMatch,
                ifModifiedSince);
    }

    @GET
    @Path("report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", ReportFiles.XLSX})
    @Operation(operationId = "unitReport", summary = "A unit's report for its standing committee: its units ranked, "
            + "the movers, the most active grassroots unions and the newly recognised initiatives of a period",
            description = "A week (the seven days up to today) by default. format=csv gives the ranked units, "
                    + "format=xlsx a workbook with a sheet for each part. For the members and officers of the "
                    + "unit's province and national roles, as its units' standings.")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitReports.Report.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = ReportFiles.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @Extension(name = Answers.ALSO, value = "400,401,403,404")
    public Response report(@Parameter(description = "The unit, by id or code") @PathParam("unit") String unit,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @Parameter(description = "First day of the period; six days before its last when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day of the period; today when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "json (the default), csv or xlsx",
                    schema = @Schema(enumeration = {"json", "csv", "xlsx"})) @QueryParam("format") String format,
            @Parameter(hidden = true) @HeaderParam("Authorization") String authorization,
            @Parameter(hidden = true) @HeaderParam(ApiKeyAuthenticationMechanism.HEADER) String apiKey) {
        String code = Params.programme(programme);
        String kind = format == null || format.isBlank() ? "json" : format;
        if (!List.of("json", "csv", "xlsx").contains(kind)) {
            throw ProblemException.badRequest("format", Text.of("must be json, csv or xlsx; got " + format,
                    "phải là json, csv hoặc xlsx; nhận được " + format)).allowed(List.of("json", "csv", "xlsx"));
        }
        LocalDate first = Params.date("from", from);
        LocalDate last = Params.date("to", to);
        Unit root = standings.unit(unit);
        access.checkRead(caller, root, OrgUnitType.GRASSROOTS);
        UnitReports.Report report = reports.report(code, root, first, last,
                new InitiativeTitles.Credentials(authorization, apiKey));
        String name = "bao-cao-" + root.code().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + report.from() + "-"
                + report.to();
        return switch (kind) {
            case "csv" -> Response.ok(ReportFiles.csv(report), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
            case "xlsx" -> Response.ok(ReportFiles.xlsx(report), ReportFiles.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
            default -> Response.ok(report, MediaType.APPLICATION_JSON).build();
        };
    }

    static OrgUnitType level(String value) {
        OrgUnitType type = QueryParams.enumValue("level", OrgUnitType.class, value);
        if (type == OrgUnitType.CONFEDERATION) {
            throw ProblemException.badRequest("level", Text.of("the confederation is above every unit",
                    "Tổng Liên đoàn ở trên mọi đơn vị"));
        }
        return type;
    }

    private static int offset(String cursor) {
        Integer offset = QueryParams.cursor(cursor, 1, parts -> {
            int value = Integer.parseInt(parts[0]);
            if (value < 0) {
                throw new IllegalArgumentException("negative");
            }
            return value;
        });
        return offset == null ? 0 : offset;
    }
}
