package vn.congdoan.sangkien.kit.openapi;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import vn.congdoan.sangkien.kit.problem.Problem;
import vn.congdoan.sangkien.kit.problem.ProblemType;

/**
 * What every operation of every service has in common, written into its OpenAPI document once: the problem+json
 * schema of every error, the two ways to authenticate, and the answers any request may get (a request that does not
 * parse or names a parameter wrongly, credentials that do not verify, a database that is away; for writes, a body
 * too large or of another type, and the rate limit). What an operation answers of its own (403, 404, 409…) it
 * declares (see {@link Answers}); one that declares 401 needs credentials, the others serve anonymous callers too.
 * AccessControlTest of each service fails when an operation answers a status its document does not list.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    private static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema("Problem", problemSchema());
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description("A token of the union's identity provider (RS256): "
                        + "sub is the member id, roles the roles, unit the unit they apply to"));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("A provincial IT system's key, issued by "
                        + "org-unit-service; also accepted as 'Authorization: ApiKey <key>'"));
        if (api.getTags() != null) {
            api.getTags().forEach(tag -> tag.removeExtension(Answers.ALSO));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                complete(method, operation)));
    }

    private static void complete(PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        operation.setResponses(responses);
        if (operation.getExtensions() != null && operation.getExtensions().get(Answers.ALSO) != null) {
            for (String status : String.valueOf(operation.getExtensions().get(Answers.ALSO)).split(",")) {
                add(responses, status.strip(), Answers.describe(status.strip()));
            }
            operation.removeExtension(Answers.ALSO);
        }
        // the scanner copies an operation's extensions onto what it declares besides: its body and answers
        responses.removeExtension(Answers.ALSO);
        if (operation.getRequestBody() != null) {
            operation.getRequestBody().removeExtension(Answers.ALSO);
        }
        boolean signedIn = responses.hasAPIResponse("401");
        boolean writes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE;
        add(responses, "400", "The request is malformed: a parameter, header or body field is invalid (named in "
                + "field)");
        add(responses, "401", signedIn ? "No credentials, or credentials that do not verify"
                : "Credentials were sent and do not verify (none are needed)");
        if (writes) {
            add(responses, "413", "The body is larger than the service accepts");
            if (operation.getRequestBody() != null) {
                add(responses, "415", "The body is not of a type this operation reads");
            }
            add(responses, "429", "Too many writes from this caller: retry after Retry-After seconds");
        }
        add(responses, "503", "The service cannot reach its database or is busy: retry after Retry-After seconds");
        responses.getAPIResponses().forEach((code, response) -> {
            response.removeExtension(Answers.ALSO);
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
            }
        });
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme(BEARER);
        SecurityRequirement apiKey = OASFactory.createSecurityRequirement().addScheme(API_KEY);
        operation.setSecurity(signedIn ? List.of(bearer, apiKey)
                : List.of(OASFactory.createSecurityRequirement(), bearer, apiKey));
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    /** The problem document of RFC 9457 as this API writes it (see {@link Problem}). */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema limits = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The limit that was broken, by name: min, max, maxBytes…")
                .additionalPropertiesSchema(OASFactory.createSchema());
        Schema allowed = OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text)
                .description("The values the field may take");
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text).addProperty("allowed", allowed)
                .addProperty("limits", limits).required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A problem (RFC 9457). type tells one kind of problem from another (see "
                        + "docs/problems.md); title and detail are in Vietnamese or English by Accept-Language")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .enumeration(Arrays.stream(ProblemType.values()).map(t -> (Object) t.uri()).toList())
                        .example(ProblemType.RULE_VIOLATED.uri()))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("Vi phạm quy tắc"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(422))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("Đoàn viên gửi sáng kiến phải là một trong các tác giả"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request field, parameter or header at fault").example("authors"))
                .addProperty("allowed", allowed)
                .addProperty("limits", limits)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("Every invalid field, when validation found several"))
                .required(List.of("type", "title", "status"));
    }
}
