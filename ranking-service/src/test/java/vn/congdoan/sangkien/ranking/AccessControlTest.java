package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.OpenApi;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * Who may call what in ranking-service: standings and programme summaries are public (dashboards poll them
 * anonymously); the figures below a province depend on the unit and the caller (UnitStandingsTest); administration
 * is for national administrators. Fails when an endpoint is missing from the table.
 */
@QuarkusTest
@WithRankingResources
class AccessControlTest {

    private static final List<String> ROLES = List.of(Roles.MEMBER, Roles.UNIT_ADMIN, Roles.REVIEWER,
            Roles.PROVINCE_INTEGRATION, Roles.NATIONAL_ADMIN);

    /** One endpoint and whether anyone may call it ({@code true}) or national administrators only. */
    record Rule(String method, String path, boolean open) {
    }

    static final List<Rule> TABLE = List.of(
            new Rule("GET", "/api/v1/standings", true),
            new Rule("GET", "/api/v1/standings/stream", true),
            new Rule("GET", "/api/v1/standings/{province}", true),
            new Rule("GET", "/api/v1/standings/{province}/history", true),
            new Rule("GET", "/api/v1/standings/published/{date}", true),
            new Rule("GET", "/api/v1/programmes/{code}/history", true),
            new Rule("GET", "/api/v1/programmes/{code}/summary", true),
            new Rule("GET", "/api/v1/programmes/{code}/summary/stream", true),
            new Rule("GET", "/api/v1/groupings", true),
            new Rule("GET", "/api/v1/standings/units/{unit}", true),
            new Rule("GET", "/api/v1/standings/units/{unit}/visibility", true),
            new Rule("GET", "/api/v1/standings/units/{unit}/stream", true),
            new Rule("GET", "/api/v1/standings/units/{unit}/breakdown", true),
            new Rule("GET", "/api/v1/standings/units/{unit}/report", true),
            new Rule("PUT", "/api/v1/standings/units/{unit}/visibility", false),
            new Rule("GET", "/widget", true),
            new Rule("POST", "/api/v1/admin/snapshots", false),
            new Rule("POST", "/api/v1/admin/rebuild", false),
            new Rule("GET", "/api/v1/admin/rebuild", false),
            new Rule("GET", "/api/v1/admin/rebuild/{id}", false),
            new Rule("GET", "/api/v1/admin/outbox/blocked", false),
            new Rule("POST", "/api/v1/admin/outbox/blocked/{event}/retry", false),
            new Rule("DELETE", "/api/v1/admin/outbox/blocked/{event}", false),
            new Rule("GET", "/api/v1/admin/dead-letters", false),
            new Rule("POST", "/api/v1/admin/dead-letters/{letter}/retry", false),
            new Rule("DELETE", "/api/v1/admin/dead-letters/{letter}", false),
            new Rule("GET", "/api/v1/audit", false));

    @Test
    void theTableListsEveryEndpointOfTheApi() {
        OpenApi.assertTableListsEveryOperation(TABLE.stream().map(r -> r.method() + " " + r.path()));
    }

    @Test
    void everyRoleReachesExactlyWhatItMay() {
        List<String> wrong = new ArrayList<>();
        for (Rule rule : TABLE) {
            if (rule.path().endsWith("/stream")) {
                continue; // an open event stream: its access is checked in StandingsStreamTest
            }
            if (rule.path().contains("{unit}")) {
                continue; // who may see a unit's figures depends on the unit: checked in UnitStandingsTest
            }
            check(wrong, rule, null, rule.open() ? 0 : 401);
            for (String role : ROLES) {
                for (String unit : List.of("42", "40")) {
                    check(wrong, rule, Tokens.bearer(role, unit), rule.open() || role.equals(Roles.NATIONAL_ADMIN) ? 0 : 403);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, Rule rule, String token, int expected) {
        RequestSpecification request = given().queryParam("programme", "p-access").queryParam("date", "2022-04-15");
        if (token != null) {
            request.header("Authorization", token);
        }
        String path = rule.path().replace("{province}", "42").replace("{code}", "1-trieu-sang-kien")
                .replace("{event}", "1").replace("{letter}", "1").replace("{id}", "1")
                .replace("{date}", "2022-04-15");
        int status = request.request(rule.method(), path).statusCode();
        if (!OpenApi.lists(rule.method(), rule.path(), status)) {
            wrong.add(rule.method() + " " + rule.path() + " answered " + status
                    + ", which its OpenAPI document does not list");
        }
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
            wrong.add(rule.method() + " " + rule.path() + (token == null ? " anonymous" : "") + ": got " + status
                    + ", expected " + (expected == 0 ? "access" : expected));
        }
    }
}
