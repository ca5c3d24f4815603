package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class GroupingResourceTest extends SignedInAsNationalAdmin {

    private static final List<String> REFERENCE_REGIONS = List.of("REGION-TAY-BAC", "REGION-DONG-BAC",
            "REGION-DONG-BANG-SONG-HONG", "REGION-BAC-TRUNG-BO", "REGION-DUYEN-HAI-NAM-TRUNG-BO", "REGION-TAY-NGUYEN",
            "REGION-DONG-NAM-BO", "REGION-DONG-BANG-SONG-CUU-LONG");

    @Test
    void bacTrungBoIsTheSixNorthCentralProvinces() {
        String id = given().get("/api/v1/groupings/by-code/REGION-BAC-TRUNG-BO").then()
                .statusCode(200)
                .body("name", equalTo("Bắc Trung Bộ"))
                .body("kind", equalTo("REGION"))
                .body("validFrom", nullValue())
                .extract().path("id");

        given().queryParam("asOf", "2022-04-15").get("/api/v1/groupings/" + id + "/members").then()
                .statusCode(200)
                .body("code", contains("38", "40", "42", "44", "45", "46"))
                .body("name", hasItem("Liên đoàn Lao động tỉnh Thừa Thiên Huế"))
                .body("validFrom", everyItem(nullValue()));
    }

    @Test
    void theArticlesClusterIsBacTrungBoWithNinhBinh() {
        String id = given().get("/api/v1/groupings/by-code/CLUSTER-BAC-TRUNG-BO-NINH-BINH").then()
                .statusCode(200)
                .body("kind", equalTo("EMULATION_CLUSTER"))
                .extract().path("id");

        given().queryParam("asOf", "2022-04-15").get("/api/v1/groupings/" + id + "/members").then()
                .statusCode(200)
                .body("code", contains("37", "38", "40", "42", "44", "45", "46"));
        given().queryParam("kind", "EMULATION_CLUSTER").queryParam("asOf", "2022-04-15").get("/api/v1/groupings")
                .then().statusCode(200).body("code", hasItem("CLUSTER-BAC-TRUNG-BO-NINH-BINH"));
    }

    @Test
    void theEightRegionsCoverEachProvinceOnce() {
        List<Map<String, Object>> regions = given().queryParam("kind", "REGION").queryParam("asOf", "2022-04-15")
                .get("/api/v1/groupings").then().statusCode(200).extract().jsonPath().getList("$");

        var reference = regions.stream().filter(r -> REFERENCE_REGIONS.contains(r.get("code"))).toList();
        assertThat(reference).extracting(r -> r.get("name")).containsExactlyInAnyOrder("Tây Bắc Bộ", "Đông Bắc Bộ",
                "Đồng bằng sông Hồng", "Bắc Trung Bộ", "Duyên hải Nam Trung Bộ", "Tây Nguyên", "Đông Nam Bộ",
                "Đồng bằng sông Cửu Long");
        List<String> provinces = reference.stream()
                .flatMap(r -> ((List<?>) r.get("members")).stream())
                .map(m -> (String) ((Map<?, ?>) m).get("unitId"))
                .toList();
        assertThat(provinces).hasSize(63).doesNotHaveDuplicates();
    }

    @Test
    void referenceGroupingsArePublishedToo() {
        String id = given().get("/api/v1/groupings/by-code/REGION-BAC-TRUNG-BO").then().extract().path("id");

        var records = TopicProbe.awaitRecords(Topics.GROUPINGS, r -> r.key().equals(id), Duration.ofSeconds(20));

        GroupingState state = EventJson.read(records.get(0).value(), GroupingState.class);
        assertThat(state.name()).isEqualTo("Bắc Trung Bộ");
        assertThat(state.kind()).isEqualTo(GroupingKind.REGION);
        assertThat(state.members()).extracting(GroupingState.Member::unitId)
                .containsExactly(Stream.of("38", "40", "42", "44", "45", "46")
                        .map(code -> UUID.fromString(unitId(code))).toArray(UUID[]::new));
        assertThat(state.members()).allSatisfy(m -> {
            assertThat(m.validFrom()).isNull();
            assertThat(m.validTo()).isNull();
        });
    }

    @Test
    void membershipCountsFromItsFirstDayUntilTheDayItEnds() {
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String thanhHoa = unitId("38");

        addMember(cluster, thanhHoa, "2022-01-01").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2022-07-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + thanhHoa + "/end").then()
                .statusCode(200)
                .body("members[0].validTo", equalTo("2022-07-01"));

        given().queryParam("asOf", "2021-12-31").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("$", empty());
        given().queryParam("asOf", "2022-01-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200)
                .body("unitId", contains(thanhHoa))
                .body("code", contains("38"))
                .body("name", contains("Liên đoàn Lao động tỉnh Thanh Hóa"));
        given().queryParam("asOf", "2022-06-30").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("unitId", contains(thanhHoa));
        given().queryParam("asOf", "2022-07-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("$", empty());
    }

    @Test
    void membersAreListedWhileTheyAreInForceWithTheirNameOfThatDay() {
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String merged = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Tên Đầu", "2010-01-01");
        String successor = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Kế Tục", "2010-01-01");
        addMember(cluster, merged, "2010-01-01").then().statusCode(200);
        String etag = Units.etagOf(merged);
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Liên đoàn Lao động tỉnh Tên Sau\",\"effectiveFrom\":\"2020-01-01\"}")
                .put("/api/v1/units/" + merged).then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + merged + "\"],\"successorId\":\"" + successor + "\",\"date\":\"2025-07-01\"}")
                .post("/api/v1/units/merge").then().statusCode(200);

        given().queryParam("asOf", "2015-01-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("unitId", contains(merged)).body("name", contains("Liên đoàn Lao động tỉnh Tên Đầu"));
        given().queryParam("asOf", "2025-06-30").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("unitId", contains(merged)).body("name", contains("Liên đoàn Lao động tỉnh Tên Sau"));
        given().queryParam("asOf", "2025-07-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .statusCode(200).body("$", empty());
        given().queryParam("asOf", "2025-07-01").queryParam("groupingId", cluster).get("/api/v1/units").then()
                .statusCode(200).body("items", empty());
    }

    @Test
    void aUnitMayBelongToSeveralGroupingsAndRejoinLater() {
        String region = createGrouping("REGION", null, null);
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String ninhBinh = unitId("37");

        addMember(region, ninhBinh, "2022-01-01").then().statusCode(200);
        addMember(cluster, ninhBinh, "2022-01-01").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2022-03-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + ninhBinh + "/end").then().statusCode(200);
        addMember(cluster, ninhBinh, "2022-05-01").then().statusCode(200)
                .body("members.validFrom", contains("2022-01-01", "2022-05-01"))
                .body("members.validTo", contains("2022-03-01", null));

        given().queryParam("asOf", "2022-04-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .body("$", empty());
        given().queryParam("asOf", "2022-04-01").get("/api/v1/groupings/" + region + "/members").then()
                .body("unitId", contains(ninhBinh));
        given().queryParam("asOf", "2022-05-01").get("/api/v1/groupings/" + cluster + "/members").then()
                .body("unitId", contains(ninhBinh));
    }

    @Test
    void createdGroupingIsFoundByIdAndCodeAndPublishedWithEveryChange() {
        String code = uniqueCode();
        String location = given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Cụm thi đua thử nghiệm","kind":"EMULATION_CLUSTER","validFrom":"2022-01-01"}
                        """.formatted(code))
                .post("/api/v1/groupings").then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("version", equalTo(0))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String ngheAn = unitId("40");

        addMember(id, ngheAn, null).then().statusCode(200)
                .body("members[0].validFrom", equalTo("2022-01-01"))
                .body("version", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"name\":\"Cụm thi đua số 4\"}")
                .put("/api/v1/groupings/" + id + "/name").then()
                .statusCode(200)
                .body("version", equalTo(2));

        given().get("/api/v1/groupings/" + id).then().statusCode(200).body("code", equalTo(code));
        given().get("/api/v1/groupings/by-code/" + code).then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Cụm thi đua số 4"))
                .body("kind", equalTo("EMULATION_CLUSTER"));

        var records = TopicProbe.awaitRecords(Topics.GROUPINGS,
                r -> r.key().equals(id) && EventJson.read(r.value(), GroupingState.class).version() == 2,
                Duration.ofSeconds(20));
        GroupingState state = EventJson.read(records.get(0).value(), GroupingState.class);
        assertThat(state.code()).isEqualTo(code);
        assertThat(state.name()).isEqualTo("Cụm thi đua số 4");
        assertThat(state.kind()).isEqualTo(GroupingKind.EMULATION_CLUSTER);
        assertThat(state.validFrom()).isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(state.members()).containsExactly(
                new GroupingState.Member(UUID.fromString(ngheAn), LocalDate.of(2022, 1, 1), null));
    }

    @Test
    void listShowsTheGroupingsInForceThatDay() {
        String code = uniqueCode();
        given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Khu vực tạm thời","kind":"REGION","validFrom":"2022-01-01","validTo":"2023-01-01"}
                        """.formatted(code))
                .post("/api/v1/groupings").then().statusCode(201);

        given().queryParam("kind", "REGION").queryParam("asOf", "2022-12-31").get("/api/v1/groupings").then()
                .statusCode(200).body("code", hasItem(code));
        given().queryParam("kind", "EMULATION_CLUSTER").queryParam("asOf", "2022-12-31").get("/api/v1/groupings")
                .then().statusCode(200).body("code", not(hasItem(code)));
        given().queryParam("asOf", "2023-01-01").get("/api/v1/groupings").then()
                .statusCode(200).body("code", not(hasItem(code)));
        given().queryParam("asOf", "2021-12-31").get("/api/v1/groupings").then()
                .statusCode(200).body("code", not(hasItem(code)));
    }

    @Test
    void unknownUnitIsUnprocessable() {
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);

        addMember(cluster, UUID.randomUUID().toString(), "2022-01-01").then().spec(problem(422, "unitId"));
    }

    @Test
    void duplicateCodeIsAConflict() {
        String code = uniqueCode();
        String body = "{\"code\":\"" + code + "\",\"name\":\"Khu vực\",\"kind\":\"REGION\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/groupings").then().statusCode(201);

        given().contentType(ContentType.JSON).body(body).post("/api/v1/groupings").then().spec(problem(409, "code"));
    }

    @Test
    void periodsMustEndAfterTheyStart() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Khu vực","kind":"REGION","validFrom":"2022-01-01","validTo":"2022-01-01"}
                        """.formatted(uniqueCode()))
                .post("/api/v1/groupings").then().spec(problem(422, "validTo"));

        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String haTinh = unitId("42");
        addMember(cluster, haTinh, "2022-01-01").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2021-12-31\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + haTinh + "/end").then()
                .spec(problem(422, "validTo"));
    }

    @Test
    void overlappingMembershipIsAConflict() {
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String quangBinh = unitId("44");
        addMember(cluster, quangBinh, "2022-01-01").then().statusCode(200);

        addMember(cluster, quangBinh, "2022-06-01").then().spec(problem(409, "unitId"));
    }

    @Test
    void membershipCannotStartBeforeTheGrouping() {
        String cluster = createGrouping("EMULATION_CLUSTER", "2022-01-01", null);

        addMember(cluster, unitId("45"), "2021-12-31").then().spec(problem(422, "validFrom"));
    }

    @Test
    void endingAMembershipThatIsNotThereIsAnError() {
        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        String quangTri = unitId("45");

        given().contentType(ContentType.JSON).body("{\"validTo\":\"2022-07-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + quangTri + "/end").then().spec(problem(404));

        addMember(cluster, quangTri, "2022-01-01").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2022-07-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + quangTri + "/end").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2022-08-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members/" + quangTri + "/end").then()
                .spec(problem(409, "unitId"));
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"code\":\"" + uniqueCode() + "\",\"name\":\"X\",\"kind\":\"PROVINCE\"}")
                .post("/api/v1/groupings").then().spec(problem(400, "kind"));
        given().contentType(ContentType.JSON).body("{\"code\":\"" + uniqueCode() + "\",\"name\":\" \",\"kind\":\"REGION\"}")
                .post("/api/v1/groupings").then().spec(problem(400, "name"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + uniqueCode() + "\",\"name\":\"X\",\"kind\":\"REGION\",\"validFrom\":\"-5000-01-01\"}")
                .post("/api/v1/groupings").then().spec(problem(400, "validFrom"));
        given().queryParam("asOf", "15/04/2022").get("/api/v1/groupings").then().spec(problem(400, "asOf"));
        given().queryParam("kind", "PROVINCE").get("/api/v1/groupings").then().spec(problem(400, "kind"));

        String cluster = createGrouping("EMULATION_CLUSTER", null, null);
        given().contentType(ContentType.JSON).body("{\"validFrom\":\"2022-01-01\"}")
                .post("/api/v1/groupings/" + cluster + "/members").then().spec(problem(400, "unitId"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/groupings/" + cluster + "/members/" + unitId("40") + "/end").then()
                .spec(problem(400, "validTo"));

        given().get("/api/v1/groupings/" + UUID.randomUUID()).then().spec(problem(404))
                .body("field", nullValue());
        given().get("/api/v1/groupings/by-code/" + uniqueCode()).then().spec(problem(404));
    }

    private static String createGrouping(String kind, String validFrom, String validTo) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Nhóm thử nghiệm","kind":"%s","validFrom":%s,"validTo":%s}
                        """.formatted(uniqueCode(), kind, json(validFrom), json(validTo)))
                .post("/api/v1/groupings").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.Response addMember(String grouping, String unit, String validFrom) {
        return given().contentType(ContentType.JSON)
                .body("{\"unitId\":\"" + unit + "\",\"validFrom\":" + json(validFrom) + "}")
                .post("/api/v1/groupings/" + grouping + "/members");
    }

    static String unitId(String code) {
        return given().get("/api/v1/units/by-code/" + code).then().statusCode(200).extract().path("id");
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String uniqueCode() {
        return "TEST-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
