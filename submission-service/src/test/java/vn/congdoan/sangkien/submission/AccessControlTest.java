package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.OpenApi;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * Every endpoint × role × inside own subtree / outside / anonymous, from one table; fails when the API has an
 * endpoint the table does not list. "Author" rows are reached by the initiative's authors, whatever their role.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class AccessControlTest {

    private static final List<String> ROLES = List.of(Roles.MEMBER, Roles.UNIT_ADMIN, Roles.REVIEWER,
            Roles.PROVINCE_INTEGRATION, Roles.NATIONAL_ADMIN);

    /** Who may call an endpoint. */
    enum Access { PUBLIC, SIGNED_IN, NATIONAL_ADMIN, CREATE, SUBMIT, WITHDRAW, PROVINCE, UNIT_ADMIN, OPEN_REVIEW, REVIEW,
        AUTHORSHIP }

    record Rule(String method, String path, Access access) {
    }

    static final List<Rule> TABLE = List.of(
            new Rule("POST", "/api/v1/initiatives", Access.CREATE),
            new Rule("GET", "/api/v1/initiatives/{id}", Access.PUBLIC),
            new Rule("PUT", "/api/v1/initiatives/{id}", Access.SUBMIT),
            new Rule("DELETE", "/api/v1/initiatives/{id}", Access.SUBMIT),
            new Rule("GET", "/api/v1/initiatives/labels", Access.PUBLIC),
            new Rule("GET", "/api/v1/initiatives", Access.PUBLIC),
            new Rule("GET", "/api/v1/initiatives/mine", Access.SIGNED_IN),
            new Rule("POST", "/api/v1/initiatives/import", Access.PROVINCE),
            new Rule("GET", "/api/v1/initiatives/export", Access.PROVINCE),
            new Rule("GET", "/api/v1/initiatives/counts", Access.PROVINCE),
            new Rule("POST", "/api/v1/initiatives/{id}/submit", Access.SUBMIT),
            new Rule("POST", "/api/v1/initiatives/{id}/withdraw", Access.WITHDRAW),
            new Rule("PUT", "/api/v1/initiatives/{id}/reviewers", Access.UNIT_ADMIN),
            new Rule("POST", "/api/v1/initiatives/{id}/review/start", Access.OPEN_REVIEW),
            new Rule("POST", "/api/v1/initiatives/{id}/review", Access.REVIEW),
            new Rule("POST", "/api/v1/initiatives/{id}/duplicate", Access.UNIT_ADMIN),
            new Rule("POST", "/api/v1/initiatives/{id}/authorship", Access.AUTHORSHIP),
            new Rule("DELETE", "/api/v1/initiatives/{id}/authorship", Access.AUTHORSHIP),
            new Rule("GET", "/api/v1/audit", Access.NATIONAL_ADMIN),
            new Rule("GET", "/api/v1/admin/outbox/blocked", Access.NATIONAL_ADMIN),
            new Rule("POST", "/api/v1/admin/outbox/blocked/{event}/retry", Access.NATIONAL_ADMIN),
            new Rule("DELETE", "/api/v1/admin/outbox/blocked/{event}", Access.NATIONAL_ADMIN),
            new Rule("GET", "/api/v1/admin/dead-letters", Access.NATIONAL_ADMIN),
            new Rule("POST", "/api/v1/admin/dead-letters/{letter}/retry", Access.NATIONAL_ADMIN),
            new Rule("DELETE", "/api/v1/admin/dead-letters/{letter}", Access.NATIONAL_ADMIN));

    @Inject
    OrgUnitReplicaRepository replicas;

    static UUID province;
    static UUID inside;
    static UUID outside;

    @BeforeEach
    void fixture() {
        if (inside != null) {
            return;
        }
        province = UUID.randomUUID();
        publish(province, null, OrgUnitType.PROVINCIAL_FEDERATION);
        inside = publish(UUID.randomUUID(), province, OrgUnitType.GRASSROOTS);
        outside = publish(UUID.randomUUID(), UUID.randomUUID(), OrgUnitType.GRASSROOTS);
    }

    @Test
    void theTableListsEveryEndpointOfTheApi() {
        OpenApi.assertTableListsEveryOperation(TABLE.stream().map(r -> r.method() + " " + r.path()));
    }

    @Test
    void everyRoleReachesExactlyWhatItsScopeAllows() {
        List<String> wrong = new ArrayList<>();
        for (Rule rule : TABLE) {
            check(wrong, rule, null, null, "m-anon", rule.access() == Access.PUBLIC ? 0 : 401);
            // credentials that do not verify are refused even where anonymous callers are served
            for (String credentials : List.of("Bearer not.a.token", Tokens.expired(Roles.MEMBER, inside.toString()),
                    Tokens.wronglySigned(Roles.NATIONAL_ADMIN, "TLD"), "ApiKey sk_unknown")) {
                checkPresenting(wrong, rule, credentials, 401);
            }
            for (String role : ROLES) {
                for (boolean in : List.of(true, false)) {
                    // bulk import and export act on a whole province: "inside" is then a role held for the province
                    UUID unit = !in ? outside : rule.access() == Access.PROVINCE ? province : inside;
                    // a caller who is not an author of the initiative
                    int expected = switch (rule.access()) {
                        case PUBLIC, SIGNED_IN -> 0;
                        case NATIONAL_ADMIN -> role.equals(Roles.NATIONAL_ADMIN) ? 0 : 403;
                        case CREATE -> role.equals(Roles.NATIONAL_ADMIN)
                                || (in && (role.equals(Roles.UNIT_ADMIN) || role.equals(Roles.MEMBER))) ? 0 : 403;
                        case SUBMIT -> role.equals(Roles.NATIONAL_ADMIN) || (in && role.equals(Roles.UNIT_ADMIN)) ? 0 : 403;
                        case UNIT_ADMIN -> role.equals(Roles.NATIONAL_ADMIN) || (in && role.equals(Roles.UNIT_ADMIN)) ? 0 : 403;
                        case OPEN_REVIEW -> role.equals(Roles.NATIONAL_ADMIN)
                                || (in && (role.equals(Roles.UNIT_ADMIN) || role.equals(Roles.REVIEWER))) ? 0 : 403;
                        // deciding takes the REVIEWER role itself: a national administrator decides only as one
                        case REVIEW -> in && role.equals(Roles.REVIEWER) ? 0 : 403;
                        case WITHDRAW, AUTHORSHIP -> 403;
                        case PROVINCE -> role.equals(Roles.NATIONAL_ADMIN) || (in && (role.equals(Roles.UNIT_ADMIN)
                                || role.equals(Roles.PROVINCE_INTEGRATION))) ? 0 : 403;
                    };
                    check(wrong, rule, role, unit, "m-other", expected);
                }
            }
            if (rule.access() == Access.WITHDRAW || rule.access() == Access.SUBMIT
                    || rule.access() == Access.AUTHORSHIP) {
                check(wrong, rule, Roles.MEMBER, inside, "m-author", 0);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Object level: who reads the content of an initiative of each visibility, one by one and through the author
     * filter of the list (which must neither show nor count what the caller may not read).
     */
    @Test
    void contentIsReadExactlyAsEachVisibilityAllowsEveryRole() {
        String author = "m-vis-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (String visibility : List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL")) {
            ids.add(given().header("Authorization", Tokens.bearer(Roles.MEMBER, inside.toString(), author))
                    .contentType(ContentType.JSON).body(body(inside, author).replace("\"field\"",
                            "\"visibility\":\"" + visibility + "\",\"field\""))
                    .post("/api/v1/initiatives").then().statusCode(201).extract().<String>path("id"));
        }
        List<String> wrong = new ArrayList<>();
        readable(wrong, null, "anonymous", ids, author, true, false, false);
        readable(wrong, Tokens.bearer(Roles.MEMBER, inside.toString(), author), "the author", ids, author,
                true, true, true);
        for (String role : ROLES) {
            for (boolean in : List.of(true, false)) {
                boolean internal = role.equals(Roles.NATIONAL_ADMIN) || in && !role.equals(Roles.PROVINCE_INTEGRATION);
                readable(wrong, Tokens.bearer(role, (in ? inside : outside).toString(), "m-reader"),
                        role + (in ? " inside" : " outside"), ids, author, true, internal, false);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void readable(List<String> wrong, String token, String who, List<String> ids, String author,
            boolean... expected) {
        int expectedListed = 0;
        for (int i = 0; i < ids.size(); i++) {
            RequestSpecification request = token == null ? given() : given().header("Authorization", token);
            boolean reads = request.get("/api/v1/initiatives/" + ids.get(i)).then().statusCode(200).extract()
                    .path("problem") != null;
            if (reads != expected[i]) {
                wrong.add(who + " reads " + List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL").get(i) + ": " + reads);
            }
            expectedListed += expected[i] ? 1 : 0;
        }
        RequestSpecification request = token == null ? given() : given().header("Authorization", token);
        List<Object> listed = request.queryParam("author", author).get("/api/v1/initiatives").then().statusCode(200)
                .extract().path("items");
        if (listed.size() != expectedListed) {
            wrong.add(who + " lists " + listed.size() + " by author, expected " + expectedListed);
        }
    }

    private void check(List<String> wrong, Rule rule, String role, UUID unit, String subject, int expected) {
        send(wrong, rule, role == null ? null : Tokens.bearer(role, unit.toString(), subject), subject,
                (role == null ? "anonymous" : role + " " + subject)
                        + (unit == null ? "" : unit.equals(inside) ? " inside" : " outside"), expected);
    }

    private void checkPresenting(List<String> wrong, Rule rule, String credentials, int expected) {
        String shown = credentials.substring(0, Math.min(24, credentials.length()));
        send(wrong, rule, credentials, "m-other", "'" + shown + "…'", expected);
    }

    private void send(List<String> wrong, Rule rule, String authorization, String subject, String who,
            int expected) {
        String id = rule.path().contains("{id}") ? draft() : null;
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        switch (rule.access()) {
            case CREATE -> request.contentType(ContentType.JSON).body(body(inside, subject));
            case REVIEW -> request.contentType(ContentType.JSON).body("""
                    {"novelty":7,"feasibility":8,"effectiveness":6,"decision":"RECOGNIZED","estimatedBenefitVnd":1000}""");
            case UNIT_ADMIN -> request.contentType(ContentType.JSON).body(rule.path().endsWith("reviewers")
                    ? "{\"memberIds\":[\"m-reviewer\"]}" : "{\"originalId\":\"" + draft() + "\"}");
            default -> { }
        }
        if (rule.method().equals("PUT") && rule.path().equals("/api/v1/initiatives/{id}")) {
            request.header("If-Match", "\"0\"").contentType(ContentType.JSON).body("""
                    {"title":"Sáng kiến đã sửa","problem":"p","solution":"s","expectedBenefit":"b","field":"OTHER"}""");
        }
        if (rule.access() == Access.PROVINCE) {
            request.queryParam("province", province.toString());
            if (rule.method().equals("POST")) {
                request.contentType(ContentType.JSON).body("[]");
            }
        }
        int status = request.request(rule.method(), rule.path().replace("{id}", String.valueOf(id))
                .replace("{event}", "1").replace("{letter}", "1")).statusCode();
        if (!OpenApi.lists(rule.method(), rule.path(), status)) {
            wrong.add(rule.method() + " " + rule.path() + " answered " + status
                    + ", which its OpenAPI document does not list");
        }
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
            wrong.add(rule.method() + " " + rule.path() + " as " + who + ": got " + status + ", expected "
                    + (expected == 0 ? "access" : expected));
        }
    }

    /** A draft by m-author in the inside unit, created by a national administrator. */
    private static String draft() {
        return given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .contentType(ContentType.JSON).body(body(inside, "m-author").replace("\"submit\":true", "\"submit\":false"))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
    }

    private static String body(UUID unit, String author) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến thử quyền","problem":"p","solution":"s",
                 "expectedBenefit":"b","field":"OTHER","unitId":"%s","authors":[{"memberId":"%s","displayName":"Tác giả"}],
                 "submit":true}""".formatted(unit, author);
    }

    private UUID publish(UUID id, UUID provinceId, OrgUnitType type) {
        OrgUnitState state = new OrgUnitState(id, "AC-" + id.toString().substring(0, 8), "Công đoàn cơ sở thử quyền",
                type, provinceId, provinceId == null ? id : provinceId, 10, null, LocalDate.of(2020, 1, 1), null, null, 0);
        Replica.publish(replicas, state);
        return id;
    }
}
