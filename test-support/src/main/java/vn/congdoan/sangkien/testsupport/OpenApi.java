package vn.congdoan.sangkien.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the running application's OpenAPI document says it serves. */
public final class OpenApi {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApi() {
    }

    /** Every operation as {@code "METHOD /path/{param}"}, sorted. */
    public static Set<String> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, byMethod) -> byMethod.keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }
}
