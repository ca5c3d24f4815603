package vn.congdoan.sangkien.submission.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.ToLongFunction;

import jakarta.ws.rs.DefaultValue;
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

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.UnitCounts;
import vn.congdoan.sangkien.submission.service.InitiativeAccess;
import vn.congdoan.sangkien.submission.service.InitiativeService;

/** A province's counts per unit, for its provincial system to reconcile its own figures with the standings. */
@Path("/api/v1/initiatives/counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provincial integration")
public class UnitCountsResource {

    /**
     * The counts of a province's units at the end of a day.
     *
     * @param totals the sums over every unit: the province's row in the standings of that day counts
     *               {@code submissions} and {@code recognized} alike
     */
    public record Counts(String province, String programme, LocalDate asOf, List<UnitCounts.Row> units,
            UnitCounts.Row totals) {
    }

    private final InitiativeAccess access;
    private final UnitCounts counts;
    private final Clock clock;

    UnitCountsResource(InitiativeAccess access, UnitCounts counts, Clock clock) {
        this.access = access;
        this.counts = counts;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "countInitiativesByUnit", summary = "A province's initiatives counted per unit, by the "
            + "standings' rule, at the end of a day",
            description = "submissions and recognized count as the standings do at the end of asOf (today by "
                    + "default, in Vietnam): from the day an initiative was submitted, or recognised, until the day "
                    + "it was withdrawn or marked a duplicate. drafts, underReview, notRecognized, withdrawn and "
                    + "duplicates count the statuses now. Counts only, whatever an initiative's visibility.")
    @Extension(name = Answers.ALSO, value = "400,401,403,404")
    public Counts counts(@QueryParam("province") String province,
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") String programme,
            @Parameter(description = "The day at the end of which to count; today when left out",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf) {
        OrgUnitReplica target = access.provinceForIntegration(province);
        LocalDate today = LocalDate.ofInstant(clock.instant(), InitiativeService.VIETNAM);
        LocalDate day = asOf == null || asOf.isBlank() ? today : QueryParams.date("asOf", asOf);
        if (day.isAfter(today)) {
            throw ProblemException.badRequest("asOf", Text.of("asOf " + day + " is in the future",
                    "asOf " + day + " nằm trong tương lai"));
        }
        List<UnitCounts.Row> units = QuarkusTransaction.requiringNew()
                .call(() -> counts.of(target.id, programme, day, InitiativeService.VIETNAM));
        UnitCounts.Row totals = new UnitCounts.Row(null, null, null, sum(units, UnitCounts.Row::submissions),
                sum(units, UnitCounts.Row::recognized), sum(units, UnitCounts.Row::drafts),
                sum(units, UnitCounts.Row::underReview), sum(units, UnitCounts.Row::notRecognized),
                sum(units, UnitCounts.Row::withdrawn), sum(units, UnitCounts.Row::duplicates));
        return new Counts(target.code, programme, day, units, totals);
    }

    private static long sum(List<UnitCounts.Row> rows, ToLongFunction<UnitCounts.Row> figure) {
        return rows.stream().mapToLong(figure).sum();
    }
}
