package vn.congdoan.sangkien.orgunit.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.security.ApiKey;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.orgunit.service.ApiKeyService;

/** API keys of provincial IT systems, managed by national administrators. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "National administration")
@RolesAllowed(Roles.NATIONAL_ADMIN)
public class ApiKeyResource {

    public record IssueRequest(@NotBlank @Size(max = 64) String provinceCode, @NotBlank @Size(max = 200) String label) {
    }

    /** A key as listed; {@code key} (the secret) only in the answer to its creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyView(UUID id, UUID provinceId, String label, Instant createdAt, Instant revokedAt, String key) {

        static ApiKeyView of(ApiKey k, String secret) {
            return new ApiKeyView(k.id, k.provinceId, k.label, k.createdAt, k.revokedAt, secret);
        }
    }

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Operation(operationId = "issueApiKey", summary = "Issue a key for a province's IT system; the key is shown in this answer only")
    @APIResponse(responseCode = "201", description = "Issued; the key is shown in this answer only",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @Extension(name = Answers.ALSO, value = "401,403,422")
    public Response issue(@Valid @NotNull IssueRequest request) {
        ApiKeyService.Issued issued = keys.issue(request.provinceCode().strip(), request.label().strip());
        return Response.created(URI.create("/api/v1/api-keys/" + issued.key().id))
                .entity(ApiKeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "All keys, without their secrets")
    @Extension(name = Answers.ALSO, value = "401,403")
    public List<ApiKeyView> list() {
        return keys.list().stream().map(k -> ApiKeyView.of(k, null)).toList();
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key: every service refuses it from now on")
    @Extension(name = Answers.ALSO, value = "401,403,404")
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return ApiKeyView.of(keys.revoke(id), null);
    }
}
