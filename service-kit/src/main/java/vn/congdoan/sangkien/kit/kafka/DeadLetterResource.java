package vn.congdoan.sangkien.kit.kafka;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.kafka.DeadLetters.DeadLetter;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Scope;

/**
 * The records this service's consumers parked ({@link ConsumerLoop}): national administrators list them, apply one
 * again once its cause is fixed, or discard it. A record applied again is applied as any other: by version, so one
 * older than what the service holds changes nothing. Each of these writes is in the audit log.
 */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listDeadLetters",
            summary = "Records the consumers parked, oldest first, with why (national administrators)")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<DeadLetter> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Scope.requireNationalAdmin(caller);
        return deadLetters.list(limit);
    }

    @POST
    @Path("/{letter}/retry")
    @Operation(operationId = "retryDeadLetter",
            summary = "Apply a parked record again; once applied it is no longer parked")
    @Extension(name = Answers.ALSO, value = "401,403,404,409")
    public DeadLetter retry(@PathParam("letter") long id) {
        Scope.requireNationalAdmin(caller);
        DeadLetter letter = existing(id);
        ConsumerLoop loop = ConsumerLoop.running().stream().filter(l -> l.groupId().equals(letter.consumerGroup()))
                .findFirst().orElseThrow(() -> ProblemException.conflict("consumerGroup", Text.of("Consumer "
                        + letter.consumerGroup() + " does not run in this instance; retry on one where it does",
                        "Bộ tiêu thụ " + letter.consumerGroup() + " không chạy ở phiên bản này; hãy thử lại ở nơi"
                                + " nó chạy")));
        try {
            loop.reapply(letter.record());
        } catch (Exception e) {
            if (ProblemMappers.isDatabaseUnavailable(e)) {
                throw ProblemException.unavailable(Text.of("The database is unavailable; retry shortly",
                        "Cơ sở dữ liệu đang không sẵn sàng; hãy thử lại sau ít phút"), 5);
            }
            throw ProblemException.conflict("id", Text.of("The record still cannot be applied: " + e.getMessage(),
                    "Bản ghi vẫn chưa áp dụng được: " + e.getMessage()));
        }
        deadLetters.remove(id);
        return letter;
    }

    @DELETE
    @Path("/{letter}")
    @Operation(operationId = "discardDeadLetter",
            summary = "Discard a parked record for good; the answer is the record, for the record")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public DeadLetter discard(@PathParam("letter") long id) {
        Scope.requireNationalAdmin(caller);
        DeadLetter letter = existing(id);
        deadLetters.remove(id);
        return letter;
    }

    private DeadLetter existing(long id) {
        return deadLetters.find(id).orElseThrow(() -> ProblemException.notFound(Text.of("Parked record", "Bản ghi bị giữ lại"), id));
    }
}
