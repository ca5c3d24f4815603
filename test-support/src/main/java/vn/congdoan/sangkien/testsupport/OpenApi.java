package vn.congdoan.sangkien.testsupport;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;

/** What the running application's OpenAPI document says it serves. */
public final class OpenApi {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static Map<String, Set<String>> statuses;

    private OpenApi() {
    }

    /** Every operation as {@code "METHOD /path/{param}"}, sorted. */
    public static Set<String> operations() {
        return new TreeSet<>(statuses().keySet());
    }

    /**
     * Fails unless {@code table}, a test's table of endpoints as {@code "METHOD /path/{param}"}, names exactly the
     * operations of the document: an endpoint added without its row, or a row left after its endpoint went, fails.
     */
    public static void assertTableListsEveryOperation(Stream<String> table) {
        Assertions.assertEquals(operations(), table.collect(Collectors.toCollection(TreeSet::new)),
                "the endpoints of the table and those of the OpenAPI document");
    }

    /**
     * Whether the document lists {@code status} among the answers of an operation, so that a client generated from it
     * knows the answer; a test that walks the API asks it of every answer it gets.
     */
    public static boolean lists(String method, String path, int status) {
        Set<String> listed = statuses().get(method + " " + path);
        return listed != null && (listed.contains(Integer.toString(status)) || listed.contains("default"));
    }

    private static synchronized Map<String, Set<String>> statuses() {
        if (statuses == null) {
            Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().path("paths");
            Map<String, Set<String>> read = new HashMap<>();
            paths.forEach((path, byMethod) -> byMethod.forEach((method, operation) -> {
                if (METHODS.contains(method)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                    read.put(method.toUpperCase() + " " + path,
                            responses == null ? Set.of() : new TreeSet<>(responses.keySet()));
                }
            }));
            statuses = read;
        }
        return statuses;
    }
}
