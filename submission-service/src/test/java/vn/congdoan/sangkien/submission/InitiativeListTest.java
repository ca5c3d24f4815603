package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.rest.InitiativeQueryResource;
import vn.congdoan.sangkien.submission.service.InitiativeService;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class InitiativeListTest {

    private static final String ADMIN = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD");

    @Inject
    OrgUnitReplicaRepository replicas;

    @AfterEach
    void signOut() {
        Tokens.signOut();
    }

    @Test
    void pagesWalkEveryMatchOnceNewestFirst() {
        UUID province = unit(null, null, OrgUnitType.PROVINCIAL_FEDERATION);
        UUID grassroots = unit(province, province, OrgUnitType.GRASSROOTS);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            created.add(create(grassroots, "m-page-" + i, "PUBLIC", i % 3 != 0));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParam("province", province.toString()).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/initiatives").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(4);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        Collections.reverse(created);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(created);
    }

    @Test
    void filtersCombine() {
        UUID province = unit(null, null, OrgUnitType.PROVINCIAL_FEDERATION);
        UUID district = unit(province, province, OrgUnitType.DIRECT_SUPERIOR);
        UUID below = unit(district, province, OrgUnitType.GRASSROOTS);
        UUID beside = unit(province, province, OrgUnitType.GRASSROOTS);
        String draftBelow = create(below, "m-f1", "PUBLIC", false);
        String submittedBelow = create(below, "m-f2", "PUBLIC", true);
        String submittedBeside = create(beside, "m-f1", "PUBLIC", true);
        String otherField = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body(beside, "m-f3", "PUBLIC", true).replace("\"OTHER\"", "\"HEALTHCARE\""))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
        String code = code(province);

        assertThat(ids(Map.of("province", province))).containsExactlyInAnyOrder(draftBelow, submittedBelow,
                submittedBeside, otherField);
        assertThat(ids(Map.of("province", code))).hasSize(4);
        assertThat(ids(Map.of("unit", district))).containsExactlyInAnyOrder(draftBelow, submittedBelow);
        assertThat(ids(Map.of("unit", beside))).containsExactlyInAnyOrder(submittedBeside, otherField);
        assertThat(ids(Map.of("province", province, "status", "DRAFT"))).containsExactly(draftBelow);
        assertThat(ids(Map.of("province", province, "status", "DRAFT,SUBMITTED"))).hasSize(4);
        assertThat(ids(Map.of("province", province, "field", "HEALTHCARE"))).containsExactly(otherField);
        assertThat(ids(Map.of("province", province, "author", "m-f1")))
                .containsExactlyInAnyOrder(draftBelow, submittedBeside);
        assertThat(ids(Map.of("province", province, "programme", "another-programme"))).isEmpty();
        // by id, as a report names the initiatives it lists: only those, other filters still applying
        assertThat(ids(Map.of("id", draftBelow + "," + otherField))).containsExactlyInAnyOrder(draftBelow,
                otherField);
        assertThat(ids(Map.of("id", draftBelow + "," + otherField, "status", "DRAFT"))).containsExactly(draftBelow);
        assertThat(ids(Map.of("id", UUID.randomUUID().toString()))).isEmpty();

        LocalDate day = LocalDate.now(InitiativeService.VIETNAM);
        String today = day.toString();
        assertThat(ids(Map.of("province", province, "submittedFrom", today, "submittedTo", today)))
                .containsExactlyInAnyOrder(submittedBelow, submittedBeside, otherField);
        assertThat(ids(Map.of("province", province, "submittedFrom", day.plusDays(1).toString()))).isEmpty();
        assertThat(ids(Map.of("province", province, "submittedTo", day.minusDays(1).toString()))).isEmpty();
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        Map<String, String> bad = Map.of("limit", "0", "cursor", "not-a-cursor", "status", "SUBMITTED,LOST",
                "field", "ASTROLOGY", "submittedFrom", "2022-13-01", "unit", "not-a-uuid",
                "province", "no-such-province");
        bad.forEach((param, value) -> given().queryParam(param, value).get("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo(param)));
        given().queryParam("id", UUID.randomUUID() + ",not-a-uuid").get("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("id"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= InitiativeQueryResource.MAX_IDS; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        given().queryParam("id", tooMany).get("/api/v1/initiatives").then().statusCode(400)
                .body("field", equalTo("id"));
        for (String limit : List.of("501", "abc", "-1")) {
            given().queryParam("limit", limit).get("/api/v1/initiatives").then()
                    .statusCode(400).body("field", equalTo("limit"));
        }
        given().queryParam("submittedFrom", "2022-04-15").queryParam("submittedTo", "2022-04-01")
                .get("/api/v1/initiatives").then().statusCode(400).body("field", equalTo("submittedTo"));
        // values that parse but lie beyond what the database can compare
        Map<String, String> outOfRange = Map.of("submittedFrom", "-999999999-01-01", "submittedTo", "+999999999-12-31",
                "cursor", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("-31557014167219200/0/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
        outOfRange.forEach((param, value) -> given().queryParam(param, value).get("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo(param)));
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-range"))
                .queryParam("cursor", outOfRange.get("cursor")).get("/api/v1/initiatives/mine").then()
                .statusCode(400).body("field", equalTo("cursor"));
        // NUL (%00) in any parameter, which PostgreSQL cannot compare
        for (String param : List.of("author", "programme", "province")) {
            given().queryParam(param, "a\u0000b").get("/api/v1/initiatives").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo(param));
        }
    }

    @Test
    void listsShowContentOnlyToThoseItsVisibilityAllows() {
        UUID province = unit(null, null, OrgUnitType.PROVINCIAL_FEDERATION);
        UUID grassroots = unit(province, province, OrgUnitType.GRASSROOTS);
        String secretAuthor = "m-secret-" + UUID.randomUUID();
        String openAuthor = "m-open-" + UUID.randomUUID();
        String confidential = create(grassroots, secretAuthor, "CONFIDENTIAL", true);
        String internal = create(grassroots, "m-inside", "INTERNAL", true);
        String open = create(grassroots, openAuthor, "PUBLIC", true);

        Map<String, Map<String, Object>> anonymous = items(given(), province);
        assertThat(anonymous).containsOnlyKeys(confidential, internal, open);
        assertThat(anonymous.get(confidential)).containsEntry("title", "Sáng kiến trong danh sách")
                .doesNotContainKeys("problem", "authors");
        assertThat(anonymous.get(internal)).doesNotContainKeys("problem", "authors");
        assertThat(anonymous.get(open)).containsEntry("problem", "Vấn đề").containsKey("authors");

        Map<String, Map<String, Object>> member = items(
                given().header("Authorization", Tokens.bearer(Roles.MEMBER, grassroots.toString(), "m-someone")),
                province);
        assertThat(member.get(internal)).containsEntry("problem", "Vấn đề");
        assertThat(member.get(confidential)).doesNotContainKey("problem");

        Map<String, Map<String, Object>> author = items(
                given().header("Authorization", Tokens.bearer(Roles.MEMBER, grassroots.toString(), secretAuthor)),
                province);
        assertThat(author.get(confidential)).containsEntry("problem", "Vấn đề");

        // filtering by author must not tell who wrote an initiative whose authors are hidden
        given().queryParam("author", secretAuthor).get("/api/v1/initiatives").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().queryParam("author", openAuthor).get("/api/v1/initiatives").then().statusCode(200)
                .body("items.id", equalTo(List.of(open)));
    }

    @Test
    void mineListsTheCallersOwnInitiativesWithTheirContent() {
        UUID province = unit(null, null, OrgUnitType.PROVINCIAL_FEDERATION);
        UUID grassroots = unit(province, province, OrgUnitType.GRASSROOTS);
        String member = "m-mine-" + UUID.randomUUID();
        String draft = create(grassroots, member, "CONFIDENTIAL", false);
        String submitted = create(grassroots, member, "PUBLIC", true);
        create(grassroots, "m-not-me", "PUBLIC", true);

        given().get("/api/v1/initiatives/mine").then().statusCode(401).contentType("application/problem+json");
        JsonPath mine = given().header("Authorization", Tokens.bearer(Roles.MEMBER, grassroots.toString(), member))
                .get("/api/v1/initiatives/mine").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.id")).containsExactly(submitted, draft);
        assertThat(mine.getList("items.problem")).containsOnly("Vấn đề");
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, grassroots.toString(), member))
                .queryParam("status", "DRAFT").get("/api/v1/initiatives/mine").then().statusCode(200)
                .body("items.id", equalTo(List.of(draft)));
    }

    private static List<String> ids(Map<String, Object> params) {
        return given().queryParams(params).queryParam("limit", 500).get("/api/v1/initiatives").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static Map<String, Map<String, Object>> items(RequestSpecification request, UUID province) {
        List<Map<String, Object>> items = request.queryParam("province", province.toString())
                .get("/api/v1/initiatives").then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        items.forEach(i -> byId.put((String) i.get("id"), i));
        return byId;
    }

    private static String create(UUID unit, String author, String visibility, boolean submit) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(body(unit, author, visibility, submit))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
    }

    private static String body(UUID unit, String author, String visibility, boolean submit) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến trong danh sách","problem":"Vấn đề",
                 "solution":"Giải pháp","expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s","visibility":"%s",
                 "authors":[{"memberId":"%s","displayName":"Tác giả"}],"submit":%s}"""
                .formatted(unit, visibility, author, submit);
    }

    private static String code(UUID id) {
        return "L-" + id.toString().substring(0, 8);
    }

    private UUID unit(UUID parent, UUID province, OrgUnitType type) {
        UUID id = UUID.randomUUID();
        OrgUnitState state = new OrgUnitState(id, code(id), "Đơn vị thử danh sách", type, parent,
                province == null ? id : province, 10, null, LocalDate.of(2020, 1, 1), null, null, 0);
        Replica.publish(replicas, state);
        return id;
    }
}
