package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class OrgUnitHierarchyTest extends SignedInAsNationalAdmin {

    @Test
    void searchIgnoresAccentsAndCase() {
        for (String q : List.of("thanh hoa", "THANH HÓA", "Thanh Hóa")) {
            given().queryParam("q", q).queryParam("type", "PROVINCIAL_FEDERATION").get("/api/v1/units").then()
                    .statusCode(200).body("items.code", contains("38"));
        }
        for (String q : List.of("da nang", "Đà Nẵng", "đà nẵng")) {
            given().queryParam("q", q).get("/api/v1/units").then()
                    .statusCode(200).body("items.code", hasItem("48"));
        }
    }

    @Test
    void unitsAreListedByGrouping() {
        String bacTrungBo = given().get("/api/v1/groupings/by-code/REGION-BAC-TRUNG-BO").then().statusCode(200)
                .extract().path("id");
        String cluster = given().get("/api/v1/groupings/by-code/CLUSTER-BAC-TRUNG-BO-NINH-BINH").then()
                .statusCode(200).extract().path("id");

        given().queryParam("groupingId", bacTrungBo).queryParam("asOf", "2022-04-15").get("/api/v1/units").then()
                .statusCode(200).body("items.code", contains("38", "40", "42", "44", "45", "46"));
        given().queryParam("groupingId", cluster).queryParam("asOf", "2022-04-15").get("/api/v1/units").then()
                .statusCode(200).body("items.code", contains("37", "38", "40", "42", "44", "45", "46"));
        given().queryParam("groupingId", "not-an-id").get("/api/v1/units").then()
                .statusCode(400).body("field", equalTo("groupingId"));
    }

    @Test
    void cursorPagesThroughTheSixtyThreeProvincesOfTwentyTwentyTwo() {
        List<String> codes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("type", "PROVINCIAL_FEDERATION").queryParam("asOf", "2022-04-15")
                    .queryParam("limit", 20);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/units").then().statusCode(200).extract().response();
            codes.addAll(page.path("items.code"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(codes).doesNotHaveDuplicates().isSorted();
        assertThat(codes).filteredOn(code -> code.matches("\\d\\d")).hasSize(63).contains("01", "42", "96");
        assertThat(pages).isGreaterThanOrEqualTo(4);
    }

    @Test
    void childrenAncestorsAndSubtreeFollowTheHierarchy() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Thử Nghiệm");
        String district = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Kỳ Anh");
        String grassroots = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Trường Tiểu học Kỳ Hà");

        given().get("/api/v1/units/" + province + "/children").then()
                .statusCode(200).body("items.id", contains(district));
        given().get("/api/v1/units/" + grassroots + "/ancestors").then()
                .statusCode(200)
                .body("id", contains(district, province, Units.root()))
                .body("depth", contains(1, 2, 3));
        // a unit that does not exist, or did not yet on the day asked about, has no path to show
        given().get("/api/v1/units/" + UUID.randomUUID() + "/ancestors").then().statusCode(404);
        given().queryParam("asOf", "2001-01-01").get("/api/v1/units/" + grassroots + "/ancestors").then()
                .statusCode(404).body("field", equalTo("asOf"));
        given().get("/api/v1/units/" + province + "/subtree").then()
                .statusCode(200)
                .body("items.find { it.id == '" + grassroots + "' }.depth", equalTo(2))
                .body("items.size()", equalTo(2));
        given().get("/api/v1/units/" + grassroots).then()
                .body("provinceId", equalTo(province));
    }

    @Test
    void movingAUnitMovesItsSubtreeAndKeepsTheOldPlaceInHistory() {
        String from = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Nguồn", "2020-01-01");
        String to = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Đích", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", from, "Công đoàn Khu kinh tế", "2020-01-01");
        String grassroots = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Công ty Formosa", "2020-01-01");

        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + to + "\",\"effectiveFrom\":\"2024-01-01\"}")
                .post("/api/v1/units/" + district + "/move").then()
                .statusCode(200).body("parentId", equalTo(to)).body("provinceId", equalTo(to));

        given().get("/api/v1/units/" + grassroots).then().body("provinceId", equalTo(to));
        given().queryParam("asOf", "2023-12-31").get("/api/v1/units/" + grassroots).then()
                .statusCode(200).body("provinceId", equalTo(from));
        given().queryParam("asOf", "2023-12-31").get("/api/v1/units/" + from + "/children").then()
                .body("items.id", contains(district));
        given().get("/api/v1/units/" + from + "/children").then().body("items", org.hamcrest.Matchers.empty());
        given().get("/api/v1/units/" + UUID.randomUUID() + "/children").then().spec(problem(404));

        var moved = TopicProbe.awaitRecords(Topics.ORG_UNITS,
                r -> r.key().equals(grassroots) && r.value().contains(to), Duration.ofSeconds(20));
        assertThat(EventJson.read(moved.get(0).value(), OrgUnitState.class).provinceId()).hasToString(to);
    }

    @Test
    void quangBinhMergesIntoQuangTriOnTheFirstOfJuly2025() {
        String quangBinh = Units.idOf("44");
        String quangTri = Units.idOf("45");
        if (given().get("/api/v1/units/" + quangBinh).then().extract().path("validTo") == null) {
            String district = Units.create("DIRECT_SUPERIOR", quangBinh, "Liên đoàn Lao động huyện Lệ Thủy", "2015-01-01");
            given().contentType(ContentType.JSON)
                    .body("{\"sources\":[\"" + quangBinh + "\"],\"successorId\":\"" + quangTri
                            + "\",\"date\":\"2025-07-01\"}")
                    .post("/api/v1/units/merge").then().statusCode(200);
            given().queryParam("asOf", "2025-06-30").get("/api/v1/units/" + district).then()
                    .body("provinceId", equalTo(quangBinh));
            given().queryParam("asOf", "2025-07-01").get("/api/v1/units/" + district).then()
                    .body("provinceId", equalTo(quangTri));
        }

        given().queryParam("asOf", "2025-06-30").queryParam("q", "quang binh").get("/api/v1/units").then()
                .body("items.code", hasItem("44"));
        given().queryParam("asOf", "2025-07-01").queryParam("q", "quang binh").get("/api/v1/units").then()
                .body("items.code", not(hasItem("44")));
        given().queryParam("asOf", "2025-07-01").queryParam("q", "quang tri").get("/api/v1/units").then()
                .body("items.code", hasItem("45"));
        given().get("/api/v1/units/by-code/44").then()
                .statusCode(200)
                .body("name", equalTo("Liên đoàn Lao động tỉnh Quảng Bình"))
                .body("validTo", equalTo("2025-07-01"))
                .body("successorId", equalTo(quangTri));
        given().queryParam("asOf", "2022-04-15").get("/api/v1/units/by-code/44").then()
                .statusCode(200).body("provinceId", equalTo(quangBinh));
    }

    @Test
    void aUnitCannotMoveIntoItsOwnSubtree() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Vòng");
        String upper = Units.create("DIRECT_SUPERIOR", province, "Công đoàn ngành Giáo dục");
        String lower = Units.create("DIRECT_SUPERIOR", upper, "Công đoàn cụm trường");

        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + lower + "\"}")
                .post("/api/v1/units/" + upper + "/move").then().spec(problem(422, "parentId"));
        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + province + "\"}")
                .post("/api/v1/units/" + Units.root() + "/move").then()
                .statusCode(422);
    }

    @Test
    void aDeactivatedUnitKeepsItsHistory() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Cũ", "2019-01-01");
        String grassroots = Units.create("GRASSROOTS", province, "Công đoàn cơ sở Nhà máy Đường", "2019-05-01");

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/units/" + province + "/deactivate").then()
                .statusCode(409).body("field", equalTo("children"));
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2023-01-01\"}")
                .post("/api/v1/units/" + grassroots + "/deactivate").then()
                .statusCode(200).body("validTo", equalTo("2023-01-01"));

        given().get("/api/v1/units/" + grassroots).then().statusCode(200).body("validTo", equalTo("2023-01-01"));
        given().queryParam("asOf", "2022-12-31").get("/api/v1/units/" + grassroots).then()
                .statusCode(200).body("name", equalTo("Công đoàn cơ sở Nhà máy Đường"));
        given().queryParam("asOf", "2023-01-01").get("/api/v1/units/" + grassroots).then()
                .statusCode(404).body("field", equalTo("asOf"));
        given().contentType(ContentType.JSON).body("{\"name\":\"Khác\"}").header("If-Match", "\"1\"")
                .put("/api/v1/units/" + grassroots).then().statusCode(409);
    }

    @Test
    void mergeMovesChildrenToTheSuccessorFromTheMergeDate() {
        String quangBinh = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Bình", "2010-01-01");
        String quangTri = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Trị", "2010-01-01");
        String district = Units.create("DIRECT_SUPERIOR", quangBinh, "Liên đoàn Lao động huyện Bố Trạch", "2010-01-01");
        String grassroots = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Vườn quốc gia", "2010-01-01");

        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + quangBinh + "\"],\"successorId\":\"" + quangTri + "\",\"date\":\"2025-07-01\"}")
                .post("/api/v1/units/merge").then().statusCode(200);

        given().get("/api/v1/units/" + quangBinh).then()
                .body("validTo", equalTo("2025-07-01")).body("successorId", equalTo(quangTri));
        given().queryParam("asOf", "2025-06-30").get("/api/v1/units/" + grassroots).then()
                .body("provinceId", equalTo(quangBinh));
        given().queryParam("asOf", "2025-07-01").get("/api/v1/units/" + grassroots).then()
                .body("provinceId", equalTo(quangTri));
        given().queryParam("asOf", "2025-07-01").get("/api/v1/units/" + district).then()
                .body("parentId", equalTo(quangTri));
        given().queryParam("asOf", "2025-07-01").queryParam("type", "PROVINCIAL_FEDERATION")
                .queryParam("q", "tinh binh").get("/api/v1/units").then()
                .body("items.id", not(hasItem(quangBinh)));
    }

    @Test
    void updatesNeedTheCurrentETagAndRenamesHaveAnEffectiveDate() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Tên Cũ",
                "2020-01-01");
        String etag = given().get("/api/v1/units/" + province).then().statusCode(200).extract().header("ETag");

        given().contentType(ContentType.JSON).body("{\"name\":\"Liên đoàn Lao động tỉnh Tên Mới\"}")
                .put("/api/v1/units/" + province).then().spec(problem(428, "If-Match"));

        String newEtag = given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Liên đoàn Lao động tỉnh Tên Mới\",\"effectiveFrom\":\"2024-01-01\",\"memberCount\":1200}")
                .put("/api/v1/units/" + province).then()
                .statusCode(200).body("memberCount", equalTo(1200)).extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);

        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"memberCount\":5}")
                .put("/api/v1/units/" + province).then().spec(problem(412));

        given().queryParam("asOf", "2023-12-31").get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Tên Cũ"));
        given().queryParam("asOf", "2024-01-01").get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Tên Mới"));
    }

    @Test
    void aMergeRefusesASuccessorBelowOneOfItsSources() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Gộp Vòng", "2020-01-01");
        String upper = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Trên", "2020-01-01");
        String middle = Units.create("DIRECT_SUPERIOR", upper, "Công đoàn ngành Giữa", "2020-01-01");
        String lower = Units.create("DIRECT_SUPERIOR", middle, "Công đoàn cụm Dưới", "2020-01-01");

        for (String successor : List.of(middle, lower)) {
            given().contentType(ContentType.JSON)
                    .body("{\"sources\":[\"" + upper + "\"],\"successorId\":\"" + successor + "\",\"date\":\"2024-01-01\"}")
                    .post("/api/v1/units/merge").then().spec(problem(422, "successorId"));
        }

        given().get("/api/v1/units/" + upper).then().body("validTo", nullValue());
        given().get("/api/v1/units/" + lower + "/ancestors").then()
                .statusCode(200).body("id", contains(middle, upper, province, Units.root()));
    }

    @Test
    void oppositeMovesAtTheSameTimeNeverMakeACycle() throws Exception {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Đua");
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pairs.add(new String[] { Units.create("DIRECT_SUPERIOR", province, "Công đoàn ngành A" + i),
                    Units.create("DIRECT_SUPERIOR", province, "Công đoàn ngành B" + i) });
        }
        var spec = io.restassured.RestAssured.requestSpecification;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(pairs.size() * 2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> moves = new ArrayList<>();
            for (String[] pair : pairs) {
                for (int side = 0; side < 2; side++) {
                    String unit = pair[side];
                    String parent = pair[1 - side];
                    moves.add(pool.submit(() -> {
                        start.await();
                        return given().spec(spec).contentType(ContentType.JSON)
                                .body("{\"parentId\":\"" + parent + "\"}")
                                .post("/api/v1/units/" + unit + "/move").statusCode();
                    }));
                }
            }
            start.countDown();
            for (int i = 0; i < pairs.size(); i++) {
                List<Integer> statuses = List.of(moves.get(2 * i).get(), moves.get(2 * i + 1).get());
                assertThat(statuses).filteredOn(s -> s == 200).hasSizeLessThanOrEqualTo(1);
                assertThat(statuses).allMatch(s -> s == 200 || s == 409 || s == 422);
            }
        } finally {
            pool.shutdown();
        }
        for (String[] pair : pairs) {
            for (String unit : pair) {
                List<String> path = given().get("/api/v1/units/" + unit + "/ancestors").then().statusCode(200)
                        .extract().path("id");
                assertThat(path).doesNotHaveDuplicates().doesNotContain(unit).endsWith(province, Units.root());
            }
        }
    }

    @Test
    void creatingUnderAUnitWhileItEndsNeverLeavesAUnitUnderAnEndedOne() throws Exception {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Kết Thúc", "2020-01-01");
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parents.add(Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện " + i, "2020-01-01"));
        }
        var spec = io.restassured.RestAssured.requestSpecification;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(parents.size() * 2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            for (String parent : parents) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().spec(spec).contentType(ContentType.JSON).body("{\"validTo\":\"2024-01-01\"}")
                            .post("/api/v1/units/" + parent + "/deactivate").statusCode();
                }));
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().spec(spec).contentType(ContentType.JSON).body("""
                            {"code":"GR-%s","name":"Công đoàn cơ sở mới","type":"GRASSROOTS","parentId":"%s"}
                            """.formatted(UUID.randomUUID().toString().substring(0, 12), parent))
                            .post("/api/v1/units").statusCode();
                }));
            }
            start.countDown();
            for (int i = 0; i < parents.size(); i++) {
                int ended = calls.get(2 * i).get();
                int created = calls.get(2 * i + 1).get();
                assertThat(ended == 200 && created == 201).as("both the end and the child of " + parents.get(i))
                        .isFalse();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aUnitCannotEndBeforeAUnitBelowItEnds() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Hết Hạn", "2020-01-01");
        String grassroots = Units.create("GRASSROOTS", province, "Công đoàn cơ sở Hợp tác xã", "2020-01-01");
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2025-06-01\"}")
                .post("/api/v1/units/" + grassroots + "/deactivate").then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"validTo\":\"2025-01-01\"}")
                .post("/api/v1/units/" + province + "/deactivate").then().spec(problem(422, "validTo"));
        given().get("/api/v1/units/" + province).then().body("validTo", nullValue());

        given().contentType(ContentType.JSON).body("{\"validTo\":\"2025-06-01\"}")
                .post("/api/v1/units/" + province + "/deactivate").then()
                .statusCode(200).body("validTo", equalTo("2025-06-01"));
    }

    @Test
    void movesAndMergesTakeAlongTheUnitsBelowThatEndLater() {
        String from = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Cũ Đi", "2020-01-01");
        String to = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Mới Đến", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", from, "Liên đoàn Lao động huyện Chuyển", "2020-01-01");
        String grassroots = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Sắp Giải Thể", "2020-01-01");
        String other = Units.create("GRASSROOTS", from, "Công đoàn cơ sở Cũng Sắp Giải Thể", "2020-01-01");
        for (String unit : List.of(grassroots, other)) {
            given().contentType(ContentType.JSON).body("{\"validTo\":\"2025-06-01\"}")
                    .post("/api/v1/units/" + unit + "/deactivate").then().statusCode(200);
        }

        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + to + "\",\"effectiveFrom\":\"2025-01-01\"}")
                .post("/api/v1/units/" + district + "/move").then().statusCode(200);
        given().get("/api/v1/units/" + grassroots).then().body("provinceId", equalTo(to));
        given().queryParam("asOf", "2025-03-01").get("/api/v1/units/" + grassroots).then()
                .statusCode(200).body("provinceId", equalTo(to));
        given().queryParam("asOf", "2024-12-31").get("/api/v1/units/" + grassroots).then()
                .statusCode(200).body("provinceId", equalTo(from));
        given().queryParam("asOf", "2025-06-01").get("/api/v1/units/" + grassroots).then().statusCode(404);

        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + from + "\"],\"successorId\":\"" + to + "\",\"date\":\"2025-02-01\"}")
                .post("/api/v1/units/merge").then().statusCode(200);
        given().get("/api/v1/units/" + other).then().body("parentId", equalTo(to)).body("provinceId", equalTo(to));
        given().queryParam("asOf", "2025-03-01").get("/api/v1/units/" + other).then()
                .statusCode(200).body("parentId", equalTo(to));
        given().queryParam("asOf", "2025-01-31").get("/api/v1/units/" + other).then()
                .statusCode(200).body("parentId", equalTo(from));
        given().queryParam("asOf", "2025-06-01").get("/api/v1/units/" + other).then().statusCode(404);
    }

    @Test
    void renamesMovesAndMergesForALaterDayLeaveTheUnitAsItIsToday() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Tương Lai", "2020-01-01");
        String other = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Bên Cạnh", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Sẽ Đi", "2020-01-01");
        String etag = Units.etagOf(province);

        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Liên đoàn Lao động tỉnh Tên Sau Này\",\"effectiveFrom\":\"2100-01-01\"}")
                .put("/api/v1/units/" + province).then()
                .statusCode(202).body("status", equalTo("PENDING"));
        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + other + "\",\"effectiveFrom\":\"2100-01-01\"}")
                .post("/api/v1/units/" + district + "/move").then()
                .statusCode(202).body("status", equalTo("PENDING"));
        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + province + "\"],\"successorId\":\"" + other + "\",\"date\":\"2100-01-01\"}")
                .post("/api/v1/units/merge").then()
                .statusCode(202).body("status", equalTo("PENDING"));

        given().get("/api/v1/units/" + province).then()
                .header("ETag", equalTo(etag))
                .body("name", equalTo("Liên đoàn Lao động tỉnh Tương Lai")).body("validTo", nullValue());
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(province));
        // a change dated today is still taken
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Liên đoàn Lao động tỉnh Tên Hôm Nay\"}")
                .put("/api/v1/units/" + province).then().statusCode(200);
    }

    @Test
    void aMergeRefusedForItsDateNamesTheDate() {
        String source = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Nguồn Gộp", "2020-01-01");
        String empty = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Không Con", "2020-01-01");
        String successor = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Nhận", "2010-01-01");
        Units.create("GRASSROOTS", source, "Công đoàn cơ sở Mới Lập", "2022-01-01");

        for (String unit : List.of(source, empty)) {
            given().contentType(ContentType.JSON)
                    .body("{\"sources\":[\"" + unit + "\"],\"successorId\":\"" + successor + "\",\"date\":\"2019-06-01\"}")
                    .post("/api/v1/units/merge").then().spec(problem(422, "date"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + empty + "\"],\"successorId\":\"" + successor + "\",\"date\":\"+300000-01-01\"}")
                .post("/api/v1/units/merge").then().spec(problem(400, "date"));
    }

    @Test
    void badQueryParametersAreProblemsNamingThem() {
        given().queryParam("asOf", "15/04/2022").get("/api/v1/units").then().spec(problem(400, "asOf"));
        given().queryParam("type", "PROVINCE").get("/api/v1/units").then()
                .statusCode(400).body("field", equalTo("type"));
        given().queryParam("limit", 100000).get("/api/v1/units").then()
                .statusCode(400).body("field", equalTo("limit"));
        given().queryParam("cursor", "***").get("/api/v1/units").then()
                .statusCode(400).body("field", equalTo("cursor"));
        given().get("/api/v1/units/by-code/NO-SUCH-UNIT").then()
                .statusCode(404).body("field", nullValue());
    }

    @Test
    void theTopicAloneRebuildsTheHierarchy() {
        Units.create("GRASSROOTS", Units.idOf("42"), "Công đoàn cơ sở Công ty Gang thép");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> fromApi = new HashSet<>();
            String cursor = null;
            do {
                var request = given().queryParam("limit", 500);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/v1/units").then().statusCode(200).extract().response();
                List<String> ids = page.path("items.id");
                List<String> parents = page.path("items.parentId");
                for (int i = 0; i < ids.size(); i++) {
                    fromApi.add(ids.get(i) + ">" + parents.get(i));
                }
                cursor = page.path("nextCursor");
            } while (cursor != null);

            java.util.Map<String, OrgUnitState> latest = new java.util.HashMap<>();
            TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> true, Duration.ofSeconds(10)).forEach(r -> {
                OrgUnitState s = EventJson.read(r.value(), OrgUnitState.class);
                latest.merge(r.key(), s, (a, b) -> b.version() >= a.version() ? b : a);
            });
            Set<String> fromTopic = new HashSet<>();
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
            latest.values().stream().filter(s -> s.activeOn(today))
                    .forEach(s -> fromTopic.add(s.id() + ">" + s.parentId()));
            assertThat(fromTopic).isEqualTo(fromApi);
        });
    }
}
