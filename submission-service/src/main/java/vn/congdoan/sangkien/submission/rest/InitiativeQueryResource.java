package vn.congdoan.sangkien.submission.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Filter;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Position;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Slice;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.service.InitiativeAccess;
import vn.congdoan.sangkien.submission.service.InitiativeService;

/**
 * Lists of initiatives. Anyone may list, as anyone may read one initiative: each item shows its content only to
 * those its visibility allows, exactly as {@code GET /api/v1/initiatives/{id}} does.
 */
@Path("/api/v1/initiatives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class InitiativeQueryResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** Ids a list may name: a hundred comma-separated fit in the request line a service reads (4,096 bytes). */
    public static final int MAX_IDS = 100;

    private final InitiativeQueries queries;
    private final InitiativeAccess access;
    private final OrgUnitReplicaRepository units;
    private final Caller caller;

    public InitiativeQueryResource(InitiativeQueries queries, InitiativeAccess access, OrgUnitReplicaRepository units,
            Caller caller) {
        this.queries = queries;
        this.access = access;
        this.units = units;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listInitiatives", summary = "List initiatives, newest first, with filters and cursor paging",
            description = "province: id or code; unit: the unit and its whole subtree; status and field: one or "
                    + "several (repeated or comma-separated); submittedFrom/submittedTo: days in Vietnam, both "
                    + "included; author: a member id, matching only initiatives whose authors the caller may see "
                    + "(so a page may hold fewer than limit items: follow nextCursor until it is absent); id: only "
                    + "the initiatives named.")
    public InitiativePage list(@QueryParam("province") String province, @QueryParam("unit") String unit,
            @QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = InitiativeStatus.class)) List<String> status,
            @QueryParam("field") @Parameter(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = InitiativeField.class)) List<String> field,
            @QueryParam("submittedFrom") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date",
                    example = "2025-05-01")) String submittedFrom,
            @QueryParam("submittedTo") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date",
                    example = "2025-05-31")) String submittedTo,
            @QueryParam("author") String author, @QueryParam("programme") String programme,
            @QueryParam("id") @Parameter(description = "Only these initiatives (repeated or comma-separated, at most "
                    + MAX_IDS + "): to name those a report or another service lists by id",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class)) List<String> id,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) String limit) {
        LocalDate from = QueryParams.date("submittedFrom", submittedFrom);
        LocalDate to = QueryParams.date("submittedTo", submittedTo);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.badRequest("submittedTo", Text.of("must not be before submittedFrom",
                    "không được trước submittedFrom"));
        }
        String authorId = QueryParams.text(author);
        Filter filter = new Filter(provinceId(province), QueryParams.uuid("unit", unit),
                QueryParams.enums("status", InitiativeStatus.class, status),
                QueryParams.enums("field", InitiativeField.class, field),
                from == null ? null : from.atStartOfDay(InitiativeService.VIETNAM).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(InitiativeService.VIETNAM).toInstant(),
                authorId, QueryParams.text(programme), authorId == null ? null : access.reader(),
                QueryParams.uuids("id", id, MAX_IDS));
        Slice slice = queries.page(filter, Position.fromCursor(cursor), QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return page(slice, filter.authorId() != null);
    }

    @GET
    @Path("/labels")
    @Operation(operationId = "initiativeLabels", summary = "What to show for each field, status and visibility of an initiative, in Vietnamese and "
            + "English: \"Y tế\" for HEALTHCARE")
    public InitiativeLabels labels() {
        return InitiativeLabels.ALL;
    }

    @GET
    @Path("/mine")
    @Operation(operationId = "myInitiatives", summary = "The caller's own initiatives (those they are an author of), newest first, all statuses")
    @Extension(name = Answers.ALSO, value = "401")
    public InitiativePage mine(@QueryParam("status") @Parameter(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = InitiativeStatus.class)) List<String> status,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) String limit) {
        caller.requireSignedIn();
        Filter filter = new Filter(null, null, QueryParams.enums("status", InitiativeStatus.class, status),
                Set.of(), null, null, caller.subject(), null, null, Set.of());
        return page(queries.page(filter, Position.fromCursor(cursor), QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)), false);
    }

    private UUID provinceId(String province) {
        if (province == null || province.isBlank()) {
            return null;
        }
        return units.findProvince(province).map(p -> p.id).orElseThrow(() -> ProblemException.badRequest("province",
                Text.of("is neither the id nor the code of a provincial federation: '" + province + "'",
                        "không phải mã hay id của một liên đoàn lao động tỉnh, thành phố: '" + province + "'")));
    }

    /**
     * @param onlyReadable drop items whose content the caller may not read: filtering by author must not reveal
     *                     who wrote an initiative whose authors are hidden. The query already returns only those
     *                     (so that the page's cursor is built from them alone); this is the second line.
     */
    private InitiativePage page(Slice slice, boolean onlyReadable) {
        ReadableContent readable = new ReadableContent(access);
        List<InitiativeView> items = new ArrayList<>(slice.items().size());
        for (Initiative initiative : slice.items()) {
            boolean content = readable.test(initiative);
            if (content || !onlyReadable) {
                items.add(InitiativeView.of(initiative, content));
            }
        }
        return new InitiativePage(items, slice.next() == null ? null : slice.next().cursor());
    }
}
