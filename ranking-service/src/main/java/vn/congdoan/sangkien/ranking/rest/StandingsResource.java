package vn.congdoan.sangkien.ranking.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.ranking.service.Ranking;
import vn.congdoan.sangkien.ranking.service.StandingsQuery;

@Path("/api/v1/standings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standings")
public class StandingsResource {

    /** One province's line in the standings. */
    public record StandingRow(int rank, String provinceId, String code, String name, long submissions,
            long submitters, long recognized, Integer memberCount) {
    }

    private final StandingsQuery query;

    public StandingsResource(StandingsQuery query) {
        this.query = query;
    }

    @GET
    @Operation(summary = "Provincial standings of a programme, ranked by submissions")
    public List<StandingRow> standings(
            @QueryParam("programme") @DefaultValue("1-trieu-sang-kien") @NotBlank String programme) {
        return Ranking.rank(query.current(programme), StandingsQuery.Row::submissions, StandingsQuery.Row::name)
                .stream()
                .map(r -> new StandingRow(r.rank(), r.item().provinceId().toString(), r.item().code(), r.item().name(),
                        r.item().submissions(), r.item().submitters(), r.item().recognized(), r.item().memberCount()))
                .toList();
    }
}
