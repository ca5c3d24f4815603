package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.OpenApi;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * Every endpoint × every role × inside own subtree / outside / anonymous. The table below is the one place that
 * says who may call what; the test fails when the API has an endpoint the table does not list, or when an endpoint
 * answers a status its OpenAPI document does not list. Callers inside hold their roles for the tree's province,
 * callers outside for its other province.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class AccessControlTest extends OwnTreeTest {

    private static final List<String> ROLES = List.of(Roles.MEMBER, Roles.UNIT_ADMIN, Roles.REVIEWER,
            Roles.PROVINCE_INTEGRATION, Roles.NATIONAL_ADMIN);

    /** Who may call an endpoint. */
    enum Access { PUBLIC, SIGNED_IN, NATIONAL_ADMIN, SCOPED }

    /** One endpoint; for SCOPED, the roles that reach it inside their subtree. */
    record Rule(String method, String path, Access access, Set<String> roles, String body) {

        static Rule of(String method, String path, Access access) {
            return new Rule(method, path, access, Set.of(), null);
        }

        static Rule scoped(String method, String path, String body, String... roles) {
            return new Rule(method, path, Access.SCOPED, Set.of(roles), body);
        }
    }

    static final List<Rule> TABLE = List.of(
            Rule.of("GET", "/api/v1/units", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/units/labels", Access.PUBLIC),
            Rule.of("GET", "/api/v1/units/{id}", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/units/by-code/{code}", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/units/{id}/children", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/units/{id}/ancestors", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/units/{id}/subtree", Access.SIGNED_IN),
            Rule.scoped("POST", "/api/v1/units",
                    "{\"code\":\"AC-%s\",\"name\":\"Công đoàn cơ sở thử quyền\",\"type\":\"GRASSROOTS\",\"parentId\":\"{district}\"}",
                    Roles.UNIT_ADMIN),
            Rule.scoped("PUT", "/api/v1/units/{id}", "{\"memberCount\":10}", Roles.UNIT_ADMIN),
            Rule.scoped("PUT", "/api/v1/units/{id}/member-count", "{\"memberCount\":10}", Roles.UNIT_ADMIN,
                    Roles.PROVINCE_INTEGRATION),
            Rule.scoped("POST", "/api/v1/units/{id}/move", "{\"parentId\":\"{district}\"}", Roles.UNIT_ADMIN),
            Rule.scoped("POST", "/api/v1/units/{id}/deactivate", "{\"validTo\":\"2099-01-01\"}", Roles.UNIT_ADMIN),
            Rule.of("POST", "/api/v1/units/merge", Access.NATIONAL_ADMIN),
            Rule.scoped("POST", "/api/v1/units/import", "[]", Roles.PROVINCE_INTEGRATION, Roles.UNIT_ADMIN),
            Rule.of("GET", "/api/v1/groupings", Access.PUBLIC),
            Rule.of("GET", "/api/v1/groupings/{id}", Access.PUBLIC),
            Rule.of("GET", "/api/v1/groupings/by-code/{code}", Access.PUBLIC),
            Rule.of("GET", "/api/v1/groupings/{id}/members", Access.PUBLIC),
            Rule.of("POST", "/api/v1/groupings", Access.NATIONAL_ADMIN),
            Rule.of("PUT", "/api/v1/groupings/{id}/name", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/groupings/{id}/members", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/groupings/{id}/members/{unitId}/end", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/programmes", Access.PUBLIC),
            Rule.of("GET", "/api/v1/programmes/{code}", Access.PUBLIC),
            Rule.of("POST", "/api/v1/programmes", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/programmes/{code}/phases", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/programmes/{code}/phases/{phase}", Access.PUBLIC),
            Rule.of("GET", "/api/v1/programmes/{code}/phases/{phase}/targets", Access.PUBLIC),
            Rule.of("PUT", "/api/v1/programmes/{code}/phases/{phase}/targets", Access.NATIONAL_ADMIN),
            // the page of a unit of a province: whoever's unit is in that province, and national roles (here the unit
            // is a grassroots union of the inside province, so that this coincides with a scope over it)
            Rule.scoped("GET", "/api/v1/programmes/{code}/phases/{phase}/units/{unitId}/targets", null, Roles.MEMBER,
                    Roles.UNIT_ADMIN, Roles.REVIEWER, Roles.PROVINCE_INTEGRATION),
            Rule.scoped("PUT", "/api/v1/programmes/{code}/phases/{phase}/units/{unitId}/targets", "[]",
                    Roles.UNIT_ADMIN, Roles.PROVINCE_INTEGRATION),
            Rule.of("GET", "/api/v1/api-keys", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/api-keys", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/api-keys/{id}/revoke", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/audit", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/admin/outbox/blocked", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/admin/outbox/blocked/{event}/retry", Access.NATIONAL_ADMIN),
            Rule.of("DELETE", "/api/v1/admin/outbox/blocked/{event}", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/admin/dead-letters", Access.NATIONAL_ADMIN),
            Rule.of("POST", "/api/v1/admin/dead-letters/{letter}/retry", Access.NATIONAL_ADMIN),
            Rule.of("DELETE", "/api/v1/admin/dead-letters/{letter}", Access.NATIONAL_ADMIN),
            Rule.of("GET", "/api/v1/scheduled-changes", Access.SIGNED_IN),
            Rule.of("GET", "/api/v1/scheduled-changes/{id}", Access.SIGNED_IN),
            // who may cancel depends on the change (ScheduledChangesTest); here no change has the random id
            Rule.of("DELETE", "/api/v1/scheduled-changes/{id}", Access.SIGNED_IN));

    @Test
    void theTableListsEveryEndpointOfTheApi() {
        OpenApi.assertTableListsEveryOperation(TABLE.stream().map(r -> r.method() + " " + r.path()));
    }

    @Test
    void everyRoleReachesExactlyWhatItsScopeAllows() {
        List<String> wrong = new ArrayList<>();
        for (Rule rule : TABLE) {
            check(wrong, rule, null, null, rule.access() == Access.PUBLIC ? 0 : 401);
            for (String role : ROLES) {
                for (boolean in : List.of(true, false)) {
                    int expected = switch (rule.access()) {
                        case PUBLIC, SIGNED_IN -> 0;
                        case NATIONAL_ADMIN -> role.equals(Roles.NATIONAL_ADMIN) ? 0 : 403;
                        case SCOPED -> role.equals(Roles.NATIONAL_ADMIN) || (in && rule.roles().contains(role)) ? 0 : 403;
                    };
                    check(wrong, rule, role, in ? tree.province() : tree.otherProvince(), expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void expiredForeignOrWronglySignedTokensAreRefused() {
        for (String token : List.of(Tokens.expired(Roles.NATIONAL_ADMIN, "TLD"),
                Tokens.wrongIssuer(Roles.NATIONAL_ADMIN, "TLD"), Tokens.wronglySigned(Roles.NATIONAL_ADMIN, "TLD"),
                "Bearer not-a-token")) {
            given().header("Authorization", token).get("/api/v1/units").then().spec(problem(401));
        }
    }

    /** Verified tokens are remembered (see VerifiedTokens), never past their expiry. */
    @Test
    void aTokenUsedBeforeItExpiredIsRefusedAfterwards() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(2);
        String token = Tokens.expiringAt(expiry, Roles.NATIONAL_ADMIN, "TLD");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", token).get("/api/v1/units").then().statusCode(200);
        }
        // The test profile allows one second of clock skew.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry.plusSeconds(2)).toMillis()));
        given().header("Authorization", token).get("/api/v1/units").then().spec(problem(401));
    }

    @Test
    void apiKeysWorkForTheirProvinceOnlyAndNotOnceRevoked() {
        String admin = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD");
        var issued = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"provinceCode\":\"" + tree.provinceCode() + "\",\"label\":\"Hệ thống CNTT tỉnh\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath();
        String key = issued.getString("key");
        assertThat(key).startsWith("sk_");
        given().header("Authorization", admin).get("/api/v1/api-keys").then()
                .statusCode(200).body("find { it.id == '" + issued.getString("id") + "' }.key", equalTo(null));

        importAs("X-API-Key", key, tree.provinceCode()).then().statusCode(200);
        importAs("Authorization", "ApiKey " + key, tree.provinceCode()).then().statusCode(200);
        String outsideCode = given().header("Authorization", admin).get("/api/v1/units/" + tree.otherProvince()).then()
                .extract().path("code");
        importAs("X-API-Key", key, outsideCode).then().spec(problem(403));
        given().header("X-API-Key", key).get("/api/v1/api-keys").then().statusCode(403);

        given().header("Authorization", admin).post("/api/v1/api-keys/" + issued.getString("id") + "/revoke")
                .then().statusCode(200);
        importAs("X-API-Key", key, tree.provinceCode()).then().spec(problem(401));
        importAs("X-API-Key", key.substring(0, key.length() - 2) + "xx", tree.provinceCode()).then().statusCode(401);
    }

    @Test
    void writesAreAudited() {
        String admin = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-auditor");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"memberCount\":77}").header("If-Match", "\"0\"")
                .put("/api/v1/units/" + tree.grassroots());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", admin)
                .get("/api/v1/audit").then()
                .statusCode(200)
                .body("find { it.path == '/api/v1/units/" + tree.grassroots() + "' && it.actor == 'm-auditor' }.method",
                        equalTo("PUT")));
    }

    private static io.restassured.response.Response importAs(String header, String value, String province) {
        return given().header(header, value).contentType(ContentType.JSON).body("[]")
                .queryParam("province", province).post("/api/v1/units/import");
    }

    private void check(List<String> wrong, Rule rule, String role, String unit, int expected) {
        RequestSpecification request = given();
        if (role != null) {
            request.header("Authorization", Tokens.bearer(role, unit));
        }
        String path = rule.path()
                .replace("{id}", rule.path().startsWith("/api/v1/units") ? tree.grassroots()
                        : UUID.randomUUID().toString())
                .replace("{code}", rule.path().startsWith("/api/v1/programmes") ? "1-trieu-sang-kien"
                        : tree.provinceCode())
                .replace("{unitId}", tree.grassroots())
                .replace("{phase}", "phase-1").replace("{event}", "1").replace("{letter}", "1");
        if (rule.path().equals("/api/v1/units/import")) {
            request.queryParam("province", tree.provinceCode());
        }
        String body = rule.body() == null ? "{}" : rule.body().replace("{district}", tree.district())
                .replace("%s", UUID.randomUUID().toString().substring(0, 8));
        if (!rule.method().equals("GET")) {
            request.contentType(ContentType.JSON).body(body);
        }
        if (rule.method().equals("PUT") && rule.path().startsWith("/api/v1/units/{id}")) {
            request.header("If-Match", "\"0\"");
        }
        int status = request.request(rule.method(), path).statusCode();
        if (!OpenApi.lists(rule.method(), rule.path(), status)) {
            wrong.add(rule.method() + " " + rule.path() + " answered " + status
                    + ", which its OpenAPI document does not list");
        }
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
            wrong.add(rule.method() + " " + rule.path() + " as " + (role == null ? "anonymous" : role)
                    + (unit == null ? "" : unit.equals(tree.province()) ? " inside" : " outside") + ": got " + status
                    + ", expected " + (expected == 0 ? "access" : expected));
        }
    }
}
