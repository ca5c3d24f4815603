package vn.congdoan.sangkien.submission.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.kit.health.ImportMeters;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.ImportSlots;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.config.FeedConfig;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Filter;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Position;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Slice;
import vn.congdoan.sangkien.submission.service.ImportRow;
import vn.congdoan.sangkien.submission.service.InitiativeAccess;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport;
import vn.congdoan.sangkien.submission.service.InitiativeImportService;
import vn.congdoan.sangkien.submission.service.OrgUnitReplicaCache;

/**
 * Bulk import and export of one province's initiatives for provincial IT systems (role PROVINCE_INTEGRATION, by API
 * key or token), the province's unit administrators and national administrators. The CSV layout is the same both
 * ways, so an exported file imports back unchanged.
 */
@Path("/api/v1/initiatives")
@Tag(name = "Provincial integration", description = "Bulk import and export for provincial IT systems")
public class InitiativeImportResource {

    private static final String CSV = "text/csv";
    private static final int EXPORT_PAGE = 1_000;
    private static final String NEXT_CURSOR = "Next-Cursor";
    private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private final InitiativeImportService imports;
    private final InitiativeRows rows;
    private final InitiativeQueries queries;
    private final InitiativeAccess access;
    private final Caller caller;
    private final Hierarchy hierarchy;
    private final ImportSlots slots;
    private final ImportMeters meters;
    private final OrgUnitReplicaCache units;
    private final FeedConfig feed;
    private final Clock clock;

    public InitiativeImportResource(InitiativeImportService imports, InitiativeRows rows, InitiativeQueries queries,
            InitiativeAccess access, Caller caller, Hierarchy hierarchy, ImportSlots slots, ImportMeters meters,
            OrgUnitReplicaCache units, FeedConfig feed, Clock clock) {
        this.imports = imports;
        this.rows = rows;
        this.queries = queries;
        this.access = access;
        this.caller = caller;
        this.hierarchy = hierarchy;
        this.slots = slots;
        this.meters = meters;
        this.units = units;
        this.feed = feed;
        this.clock = clock;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importInitiatives", summary = "Import a province's initiatives from a JSON array (at most 5,000 rows); one result per row",
            description = "Each row has the fields of a creation and a required externalRef: the same externalRef in "
                    + "the province updates that initiative, an identical row leaves it unchanged, a bad row is "
                    + "rejected with its reasons while the others go on. A row may carry its past: submittedAt and, "
                    + "from the province's API key or its administrators, the outcome (RECOGNIZED, NOT_RECOGNIZED "
                    + "with reviewedAt and scores; WITHDRAWN with endedAt; DUPLICATE with duplicateOf and endedAt).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ImportRowSchema.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    public InitiativeImportReport importJson(@QueryParam("province") String province, InputStream body)
            throws IOException {
        return importRows(province, () -> rows.fromJson(body));
    }

    @POST
    @Path("/import")
    @Consumes({ CSV, "application/csv" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importInitiativesCsv", summary = "Import a province's initiatives from a UTF-8 CSV file (at most 5,000 rows); one result per row")
    @RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    public InitiativeImportReport importCsv(@QueryParam("province") String province, InputStream body)
            throws IOException {
        return importRows(province, () -> rows.fromCsv(body));
    }

    /** The rows are read once the import has a slot, so that imports waiting for one hold no parsed rows. */
    private InitiativeImportReport importRows(String province, Supplier<List<ImportRow>> read) throws IOException {
        OrgUnitReplica target = access.provinceForIntegration(province);
        InitiativeImportService.Importer importer = importer(target);
        return counted(slots.run(() -> imports.importRows(target, read.get(), importer)));
    }

    /**
     * The importer by the credential the audit records; the council's outcome is taken from the province's API key
     * (issued by a national administrator, bound to the province) and its administrators, not from other holders of
     * the integration role.
     */
    private InitiativeImportService.Importer importer(OrgUnitReplica province) {
        boolean trusted = caller.byApiKey()
                || Scope.allows(caller, hierarchy, province.id, Roles.UNIT_ADMIN);
        return new InitiativeImportService.Importer(caller.key(), trusted, access::mayReadContent);
    }

    private InitiativeImportReport counted(InitiativeImportReport report) {
        meters.count(report.created(), report.updated(), report.unchanged(), report.rejected());
        return report;
    }

    @GET
    @Path("/export")
    @Produces({ CSV, MediaType.APPLICATION_JSON })
    @Operation(operationId = "exportInitiatives", summary = "Every initiative of a province, streamed, as CSV (the import's layout) or a JSON array; or, with cursor or updatedSince, its changes in order",
            description = "format=csv|json, else the Accept header (JSON unless it asks for text/csv). Content is "
                    + "shown as the initiative's visibility allows; withheld content is left empty, and an import "
                    + "of the file keeps what is stored. With updatedSince (an ISO date-time with offset) or the "
                    + "cursor of an earlier answer, the answer is the change feed: up to limit initiatives (1,000 by "
                    + "default, at most 5,000) in the order of their last change, withdrawals and duplicates "
                    + "included, and the Next-Cursor header to resume from. CSV starts with a UTF-8 byte order mark.")
    @Extension(name = Answers.ALSO, value = "400,401,403,404")
    public Response export(@QueryParam("province") String province, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept,
            @Parameter(description = "The Next-Cursor of an earlier answer of the change feed") @QueryParam("cursor")
            String cursor,
            @Parameter(description = "Starts the change feed: changes made at or after this time",
                    example = "2022-04-15T00:00:00+07:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Most initiatives of one answer of the change feed (default 1000, at most 5000)")
            @QueryParam("limit") String limit) {
        OrgUnitReplica target = access.provinceForIntegration(province);
        boolean csv = csv(format, accept);
        ReadableContent readable = new ReadableContent(access);
        String name = "initiatives-" + target.code + (csv ? ".csv" : ".json");
        Response.ResponseBuilder answer;
        if (QueryParams.text(cursor) != null || QueryParams.text(updatedSince) != null) {
            Position after = QueryParams.text(cursor) != null ? Position.fromCursor(cursor) : since(updatedSince);
            int most = QueryParams.limit(limit, EXPORT_PAGE, InitiativeImportService.MAX_ROWS);
            Instant horizon = clock.instant().minus(feed.settle());
            List<Initiative> changes = QuarkusTransaction.requiringNew()
                    .call(() -> queries.changes(target.id, after, horizon, most));
            Initiative last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            Position next = last == null ? after : new Position(last.updatedAt, last.id);
            answer = Response.ok(body(csv, writer -> {
                for (Initiative initiative : changes) {
                    writer.write(InitiativeView.of(initiative, readable.test(initiative)));
                }
            })).header(NEXT_CURSOR, next.cursor());
        } else {
            Filter filter = Filter.province(target.id);
            answer = Response.ok(body(csv, writer -> forEach(filter, readable, writer)));
        }
        return answer.type(csv ? CSV + ";charset=UTF-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** Rows as CSV (after a byte order mark, so that spreadsheets read the Vietnamese text as UTF-8) or JSON. */
    private StreamingOutput body(boolean csv, RowSource source) {
        return out -> {
            if (csv) {
                out.write(UTF8_BOM);
                try (SequenceWriter writer = InitiativeRows.csvWriter(out)) {
                    source.writeTo(view -> writer.write(InitiativeRows.csvRow(view, unitCode(view))));
                }
            } else {
                try (JsonGenerator generator = rows.json().getFactory().createGenerator(out)) {
                    generator.writeStartArray();
                    source.writeTo(view -> generator.writeTree(rows.jsonRow(view, unitCode(view))));
                    generator.writeEndArray();
                }
            }
        };
    }

    private String unitCode(InitiativeView view) {
        return units.find(view.unitId()).map(OrgUnitReplicaCache.Unit::code).orElse(null);
    }

    private static Position since(String updatedSince) {
        try {
            // just before the time: the feed starts with the changes made at it
            return new Position(OffsetDateTime.parse(updatedSince.strip()).toInstant(), new UUID(0, 0));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("updatedSince", Text.of("must be a date-time with its offset, such as "
                    + "2022-04-15T00:00:00+07:00, was '" + updatedSince + "'", "phải là thời điểm kèm múi giờ, ví dụ "
                    + "2022-04-15T00:00:00+07:00, nhận được '" + updatedSince + "'"));
        }
    }

    private interface RowSource {
        void writeTo(RowWriter writer) throws IOException;
    }

    private interface RowWriter {
        void write(InitiativeView view) throws IOException;
    }

    /** Walks the province page by page, each page in a short transaction of its own. */
    private void forEach(Filter filter, ReadableContent readable, RowWriter writer) throws IOException {
        Position after = null;
        do {
            Position from = after;
            Slice slice = QuarkusTransaction.requiringNew().call(() -> queries.page(filter, from, EXPORT_PAGE));
            for (Initiative initiative : slice.items()) {
                writer.write(InitiativeView.of(initiative, readable.test(initiative)));
            }
            after = slice.next();
        } while (after != null);
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badRequest("format", Text.of("must be csv or json, was '" + format
                        + "'", "phải là csv hoặc json, nhận được '" + format + "'")).allowed(List.of("csv", "json"));
            };
        }
        return accept != null && accept.contains(CSV);
    }
}
