package vn.congdoan.sangkien.ranking.rest;

import java.util.Arrays;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.service.ProgrammeService;
import vn.congdoan.sangkien.ranking.service.ProgrammeService.Grouping;

@Path("/api/v1/groupings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standings")
public class GroupingResource {

    private final ProgrammeService programmes;
    private final ConditionalGet conditional;

    GroupingResource(ProgrammeService programmes, ConditionalGet conditional) {
        this.programmes = programmes;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "The regions and emulation clusters in force today, in Vietnamese order of their names: the "
            + "codes that region= and cluster= of the standings take")
    @APIResponse(responseCode = "200", description = "The groupings, with their entity tag",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Grouping.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the entity tag in If-None-Match")
    public Response groupings(@QueryParam("kind") String kind,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        return conditional.respond(programmes.groupings(kind(kind)), ifNoneMatch, ifModifiedSince);
    }

    private static GroupingKind kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(GroupingKind.values()).filter(k -> k.name().equalsIgnoreCase(value.strip()))
                .findFirst().orElseThrow(() -> ProblemException.badRequest("kind", Text.of("kind must be one of "
                        + Arrays.toString(GroupingKind.values()) + "; got " + value, "kind phải là một trong "
                        + Arrays.toString(GroupingKind.values()) + "; nhận được " + value)));
    }
}
