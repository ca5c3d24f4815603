package vn.congdoan.sangkien.submission.rest;

import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.Versions;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.service.IdempotentRequests;
import vn.congdoan.sangkien.submission.service.InitiativeAccess;
import vn.congdoan.sangkien.submission.service.InitiativeService;
import vn.congdoan.sangkien.submission.service.NewInitiative;
import vn.congdoan.sangkien.submission.service.Texts;

@Path("/api/v1/initiatives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "Initiatives: submitting, editing drafts, reading")
public class InitiativeResource {

    private static final String KEY = IdempotentRequests.HEADER;

    private final InitiativeService service;
    private final InitiativeAccess access;
    private final IdempotentRequests idempotent;
    private final Caller caller;

    public InitiativeResource(InitiativeService service, InitiativeAccess access, IdempotentRequests idempotent,
            Caller caller) {
        this.service = service;
        this.access = access;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createInitiative", summary = "Create an initiative, as a draft or submitted at once (submit=true)")
    @APIResponse(responseCode = "201", description = "Created, as a draft or submitted; Location names it",
            content = @Content(schema = @Schema(implementation = InitiativeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,409,422")
    public Response create(@HeaderParam(KEY) String idempotencyKey,
            @Valid @NotNull CreateInitiativeRequest request) {
        boolean vouchesForAll = access.checkMayCreate(request.unitId(),
                request.authors().stream().map(a -> a.memberId()).toList());
        String submitter = caller.subject();
        NewInitiative command = request.toCommand(author -> vouchesForAll || author.equals(submitter));
        if (idempotencyKey == null) {
            Initiative initiative = service.create(command, access::checkMayNameExternalRef);
            return Response.created(URI.create("/api/v1/initiatives/" + initiative.id))
                    .entity(InitiativeView.of(initiative, true)).build();
        }
        IdempotentRequests.Answer answer = idempotent.once(caller.key(), idempotencyKey, request, () -> {
            Initiative initiative = service.create(command, access::checkMayNameExternalRef);
            return new IdempotentRequests.Answer(201, "/api/v1/initiatives/" + initiative.id,
                    idempotent.write(InitiativeView.of(initiative, true)));
        }).answer();
        return Response.status(answer.status()).location(URI.create(answer.location()))
                .type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }

    /**
     * A change made once per {@code Idempotency-Key} (see {@link IdempotentRequests}); without a key, the change as
     * asked. A replay shows no more than the caller may see now: a reviewer taken off the council since reads no
     * content.
     *
     * @param action what the request does to which initiative, so that a key reused for another action is a 422
     */
    private InitiativeView once(String idempotencyKey, String action, Object request, Supplier<Initiative> change) {
        if (idempotencyKey == null) {
            return viewed(change.get());
        }
        IdempotentRequests.Outcome outcome = idempotent.once(caller.key(), idempotencyKey, action, request,
                () -> new IdempotentRequests.Answer(200, null, idempotent.write(viewed(change.get()))));
        InitiativeView first = idempotent.read(outcome.answer(), InitiativeView.class);
        if (outcome.made()) {
            return first;
        }
        return service.find(first.id()).map(now -> {
            boolean content = access.mayReadContent(now);
            return first.withheld(content, content || access.mayAssignReviewers(now));
        }).orElse(first);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getInitiative", summary = "One initiative; its content only for those its visibility allows, the rest see title, "
            + "unit, field, status and dates. Its ETag is what an edit sends as If-Match")
    @APIResponse(responseCode = "200", description = "The initiative, with its version as ETag",
            content = @Content(schema = @Schema(implementation = InitiativeView.class)))
    @Extension(name = Answers.ALSO, value = "404")
    public Response get(@PathParam("id") UUID id) {
        Initiative initiative = service.find(id).orElseThrow(() -> ProblemException.notFound(Texts.INITIATIVE, id));
        return Response.ok(viewed(initiative)).tag(Versions.tag(initiative.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "editInitiative", summary = "Edit a draft, or a submitted initiative until its review starts (its authors, unit "
            + "administrators)", description = "Send the ETag you read as If-Match: 412 when it changed since, 428 "
            + "without If-Match. Authors who stay keep their confirmation; co-authors a member adds are claimed until "
            + "they confirm.")
    @APIResponse(responseCode = "200", description = "The initiative as edited, with its new ETag",
            content = @Content(schema = @Schema(implementation = InitiativeView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412,422,428")
    public Response edit(@PathParam("id") UUID id, @HeaderParam(Versions.IF_MATCH) String ifMatch,
            @Valid @NotNull EditInitiativeRequest request) {
        long version = Versions.required(ifMatch, Texts.INITIATIVE);
        String editor = caller.subject();
        boolean[] vouches = new boolean[1];
        Initiative initiative = service.edit(id, version, request.toEdit(), existing -> {
            access.checkMayEdit(existing);
            vouches[0] = access.vouchesForAuthors(existing);
            if (request.authors() != null && !vouches[0]
                    && request.authors().stream().noneMatch(a -> a.memberId().equals(editor))) {
                throw ProblemException.unprocessable("authors", Text.of("You must stay one of the authors",
                        "Bạn phải vẫn là một trong các tác giả"));
            }
        }, member -> vouches[0] || member.equals(editor));
        return Response.ok(viewed(initiative)).tag(Versions.tag(initiative.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteInitiative", summary = "Delete a draft (its authors, unit administrators); a submitted initiative is withdrawn "
            + "instead", description = "If-Match, when sent, must be the current ETag (412 otherwise).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,412")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(Versions.IF_MATCH) String ifMatch) {
        service.delete(id, ifMatch == null || ifMatch.isBlank() ? null : Versions.of(ifMatch), access::checkMayEdit);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/submit")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit a draft: from now on it counts in the standings")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    public InitiativeView submit(@PathParam("id") UUID id, @HeaderParam(KEY) String idempotencyKey) {
        return once(idempotencyKey, "submit " + id, null, () -> service.submit(id, access::checkMaySubmit));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Withdraw a submitted initiative: it no longer counts")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    public InitiativeView withdraw(@PathParam("id") UUID id, @HeaderParam(KEY) String idempotencyKey) {
        return once(idempotencyKey, "withdraw " + id, null, () -> service.withdraw(id, access::checkMayWithdraw));
    }

    @PUT
    @Path("/{id}/reviewers")
    @Operation(summary = "Assign the evaluation council's reviewers (replaces the earlier assignment); they may read "
            + "the content whatever its visibility")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "Unit admins and reviewers")
    public InitiativeView assignReviewers(@PathParam("id") UUID id, @Valid @NotNull ReviewersRequest request) {
        return viewed(service.assignReviewers(id, request.memberIds(), caller.subject(),
                initiative -> access.checkMayAssignReviewers(initiative, request.memberIds())));
    }

    @POST
    @Path("/{id}/authorship")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm that you are an author: co-authors a member names are claimed until they confirm, "
            + "and only confirmed authors count as submitters")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public InitiativeView confirmAuthorship(@PathParam("id") UUID id) {
        return viewed(service.confirmAuthorship(id, caller.subject(), access::checkIsListedAuthor));
    }

    @DELETE
    @Path("/{id}/authorship")
    @Operation(summary = "Decline being named an author of an initiative you have not confirmed: you are taken off "
            + "its authors")
    @APIResponse(responseCode = "204", description = "Taken off its authors")
    @Extension(name = Answers.ALSO, value = "401,403,404,409")
    public Response declineAuthorship(@PathParam("id") UUID id) {
        service.declineAuthorship(id, caller.subject(), access::checkIsListedAuthor);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/review/start")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Open the review of a submitted initiative (UNDER_REVIEW)")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "Unit admins and reviewers")
    public InitiativeView startReview(@PathParam("id") UUID id, @HeaderParam(KEY) String idempotencyKey) {
        return once(idempotencyKey, "review/start " + id, null,
                () -> service.startReview(id, access::checkMayStartReview));
    }

    @POST
    @Path("/{id}/review")
    @Operation(summary = "Record the council's scores (1–10), decision and estimated benefit in VND; ends the review")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "Unit admins and reviewers")
    public InitiativeView review(@PathParam("id") UUID id, @HeaderParam(KEY) String idempotencyKey,
            @Valid @NotNull ReviewRequest request) {
        return once(idempotencyKey, "review " + id, request,
                () -> service.review(id, request.toReview(), caller.subject(), access::checkMayReview));
    }

    @POST
    @Path("/{id}/duplicate")
    @Operation(summary = "Mark as a duplicate of an earlier initiative: it no longer counts")
    @Extension(name = Answers.ALSO, value = "401,403,404,409,422")
    @Tag(name = "Unit admins and reviewers")
    public InitiativeView markDuplicate(@PathParam("id") UUID id, @HeaderParam(KEY) String idempotencyKey,
            @Valid @NotNull DuplicateRequest request) {
        return once(idempotencyKey, "duplicate " + id, request, () -> service.markDuplicate(id, request.originalId(),
                caller.subject(), access::checkMayMarkDuplicate));
    }

    /**
     * The answer to a change: the initiative as the caller may see it. Being allowed to change it does not open its
     * content — an administrator who assigns the reviewers of a CONFIDENTIAL initiative sees its outline and its
     * reviewers only.
     */
    private InitiativeView viewed(Initiative initiative) {
        boolean content = access.mayReadContent(initiative);
        return InitiativeView.of(initiative, content, content || access.mayAssignReviewers(initiative));
    }
}
