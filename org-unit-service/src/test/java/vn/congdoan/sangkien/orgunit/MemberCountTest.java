package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * Member counts set lower down ({@code PUT /api/v1/units/{id}/member-count}): by the unit's own administrators and
 * those above it, by its province's integration key, and by national administrators; a province's count stays
 * national.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class MemberCountTest extends OwnTreeTest {

    private static final String NATIONAL = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-national");

    static String sibling;
    static String provinceKey;
    static String otherProvinceKey;

    /** A district beside the tree's, and an integration key for each province. */
    @BeforeEach
    void fixture() {
        if (sibling != null) {
            return;
        }
        Units.asNationalAdmin(() -> {
            sibling = Units.create("DIRECT_SUPERIOR", tree.province(), "Liên đoàn Lao động huyện Bên Cạnh");
            provinceKey = issueKey(tree.province());
            otherProvinceKey = issueKey(tree.otherProvince());
        });
    }

    @Test
    void aUnitAdminSetsTheCountOfTheirOwnUnitAndOfTheUnitsBelowIt() {
        String districtAdmin = Tokens.bearer(Roles.UNIT_ADMIN, tree.district(), "m-district-admin");

        setCount(as(districtAdmin), tree.district(), "{\"memberCount\":4100,\"memberCountAsOf\":\"2024-01-01\"}")
                .statusCode(200)
                .body("memberCount", equalTo(4100))
                .body("memberCountAsOf", equalTo("2024-01-01"));
        // the parent's administrator sets its child's, and so does one further up
        setCount(as(districtAdmin), tree.grassroots(), "{\"memberCount\":850}").statusCode(200)
                .body("memberCount", equalTo(850))
                .body("memberCountAsOf", equalTo(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString()));
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, tree.province(), "m-province-admin");
        setCount(as(provinceAdmin), tree.district(), "{\"memberCount\":4200}").statusCode(200);
        setCount(as(provinceAdmin), tree.grassroots(), "{\"memberCount\":900}").statusCode(200);

        given().header("Authorization", NATIONAL).get("/api/v1/units/" + tree.grassroots()).then()
                .body("memberCount", equalTo(900));
    }

    @Test
    void aCountIsPublishedWithItsDay() {
        String districtAdmin = Tokens.bearer(Roles.UNIT_ADMIN, tree.district(), "m-district-admin");
        setCount(as(districtAdmin), tree.district(), "{\"memberCount\":4321,\"memberCountAsOf\":\"2024-06-30\"}")
                .statusCode(200);

        var records = TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(tree.district())
                && Integer.valueOf(4321).equals(EventJson.read(r.value(), OrgUnitState.class).memberCount()),
                Duration.ofSeconds(20));
        OrgUnitState state = EventJson.read(records.get(0).value(), OrgUnitState.class);
        assertThat(state.memberCountAsOf()).isEqualTo(LocalDate.of(2024, 6, 30));
    }

    @Test
    void aSiblingAnotherProvinceAMemberAndNobodyAreRefused() {
        setCount(as(Tokens.bearer(Roles.UNIT_ADMIN, sibling, "m-sibling-admin")), tree.district(),
                "{\"memberCount\":1}")
                .spec(problem(403));
        setCount(as(Tokens.bearer(Roles.UNIT_ADMIN, tree.otherProvince(), "m-other-admin")), tree.district(),
                "{\"memberCount\":1}").spec(problem(403));
        setCount(as(Tokens.bearer(Roles.MEMBER, tree.district(), "m-member")), tree.district(), "{\"memberCount\":1}")
                .statusCode(403);
        setCount(given(), tree.district(), "{\"memberCount\":1}").spec(problem(401));
        // an administrator below the unit is not above it
        setCount(as(Tokens.bearer(Roles.UNIT_ADMIN, tree.grassroots(), "m-grassroots-admin")), tree.district(),
                "{\"memberCount\":1}").statusCode(403);

        given().header("Authorization", NATIONAL).get("/api/v1/units/" + tree.district()).then()
                .body("memberCount", org.hamcrest.Matchers.not(equalTo(1)));
    }

    @Test
    void theProvincesIntegrationKeySetsTheCountsOfItsUnitsAndAnotherProvincesKeyDoesNot() {
        setCount(given().header("X-API-Key", provinceKey), tree.grassroots(), "{\"memberCount\":1234}").statusCode(200)
                .body("memberCount", equalTo(1234));
        setCount(given().header("X-API-Key", provinceKey), tree.district(), "{\"memberCount\":5000}").statusCode(200);

        setCount(given().header("X-API-Key", otherProvinceKey), tree.grassroots(), "{\"memberCount\":1}")
                .spec(problem(403));
        // the province's own count is national: not its key's, not its administrator's
        setCount(given().header("X-API-Key", provinceKey), tree.province(), "{\"memberCount\":1}")
                .statusCode(403).body("field", equalTo("memberCount"));
    }

    @Test
    void aProvincesCountStaysWithNationalAdministrators() {
        setCount(as(Tokens.bearer(Roles.UNIT_ADMIN, tree.province(), "m-province-admin")), tree.province(),
                "{\"memberCount\":1}")
                .spec(problem(403, "memberCount"));
        setCount(as(Tokens.bearer(Roles.UNIT_ADMIN, "TLD", "m-tld-admin")), tree.province(), "{\"memberCount\":2}")
                .statusCode(403).body("field", equalTo("memberCount"));

        setCount(as(NATIONAL), tree.province(), "{\"memberCount\":69000,\"memberCountAsOf\":\"2022-04-15\"}")
                .statusCode(200).body("memberCount", equalTo(69000));
    }

    @Test
    void aBadCountOrAMissingOrStaleVersionIsAProblemNamingIt() {
        String districtAdmin = Tokens.bearer(Roles.UNIT_ADMIN, tree.district(), "m-district-admin");
        setCount(as(districtAdmin), tree.district(), "{\"memberCount\":4000}").statusCode(200);
        setCount(as(districtAdmin), tree.district(), "{\"memberCount\":-5}").spec(problem(400, "memberCount"));
        setCount(as(districtAdmin), tree.district(), "{\"memberCountAsOf\":\"2024-01-01\"}").statusCode(400)
                .body("field", equalTo("memberCount"));
        setCount(as(districtAdmin), tree.district(), "{\"memberCount\":10,\"memberCountAsOf\":\"2024-02-30\"}")
                .statusCode(400).body("field", equalTo("memberCountAsOf"));

        as(districtAdmin).contentType(ContentType.JSON).body("{\"memberCount\":10}")
                .put("/api/v1/units/" + tree.district() + "/member-count").then().spec(problem(428));
        as(districtAdmin).contentType(ContentType.JSON).body("{\"memberCount\":10}").header("If-Match", "\"0\"")
                .put("/api/v1/units/" + tree.district() + "/member-count").then().spec(problem(412));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", token);
    }

    /** Sends the count with the unit's current ETag. */
    private static ValidatableResponse setCount(RequestSpecification request, String unit, String body) {
        String etag = given().header("Authorization", NATIONAL).get("/api/v1/units/" + unit).then().statusCode(200)
                .extract().header("ETag");
        return request.header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .put("/api/v1/units/" + unit + "/member-count").then();
    }

    private static String issueKey(String provinceId) {
        String code = Units.codeOf(provinceId);
        return given().contentType(ContentType.JSON)
                .body("{\"provinceCode\":\"" + code + "\",\"label\":\"Hệ thống CNTT tỉnh\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }
}
