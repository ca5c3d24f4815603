package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
class OrgUnitResourceTest extends SignedInAsNationalAdmin {

    /** Allowed in the test profile (CORS_ORIGINS). */
    private static final String ALLOWED = "https://sangkien.example.vn";

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndOneFromAnotherIsRefused() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/v1/units/" + UUID.randomUUID()).then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
        given().header("Origin", ALLOWED).get("/api/v1/units/by-code/42").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("ETag"));

        given().header("Origin", "https://lua-dao.example.com").header("Access-Control-Request-Method", "PUT")
                .options("/api/v1/units/" + UUID.randomUUID()).then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void referenceProvincesAreShippedWithTheService() {
        given().get("/api/v1/units/by-code/42").then()
                .statusCode(200)
                .body("name", equalTo("Liên đoàn Lao động tỉnh Hà Tĩnh"))
                .body("type", equalTo("PROVINCIAL_FEDERATION"))
                .body("memberCount", equalTo(69000))
                .body("memberCountAsOf", equalTo("2022-04-15"));
    }

    @Test
    void createdUnitIsStoredAndPublishedWithItsProvince() {
        String haTinh = given().get("/api/v1/units/by-code/42").then().extract().path("id");
        String code = "HT-" + UUID.randomUUID().toString().substring(0, 8);

        String location = given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Hà Tĩnh",
                         "type":"GRASSROOTS","parentId":"%s","memberCount":850,"memberCountAsOf":"2022-04-01"}
                        """.formatted(code, haTinh))
                .post("/api/v1/units")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().get("/api/v1/units/" + id).then()
                .statusCode(200)
                .body("code", equalTo(code))
                .body("name", equalTo("Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Hà Tĩnh"))
                .body("provinceId", equalTo(haTinh));

        var records = TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(id), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        OrgUnitState state = EventJson.read(records.get(0).value(), OrgUnitState.class);
        assertThat(state.code()).isEqualTo(code);
        assertThat(state.provinceId()).hasToString(haTinh);
        assertThat(state.parentId()).hasToString(haTinh);
    }

    @Test
    void referenceUnitsArePublishedToo() {
        String ngheAn = given().get("/api/v1/units/by-code/40").then().extract().path("id");

        var records = TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(ngheAn), Duration.ofSeconds(20));

        assertThat(EventJson.read(records.get(0).value(), OrgUnitState.class).name())
                .isEqualTo("Liên đoàn Lao động tỉnh Nghệ An");
    }

    @Test
    void grassrootsUnitsTakeNoChildren() {
        String haTinh = given().get("/api/v1/units/by-code/42").then().extract().path("id");
        String parent = given().contentType(ContentType.JSON)
                .body("""
                        {"code":"HT-%s","name":"Công đoàn cơ sở Trường THPT Phan Đình Phùng","type":"GRASSROOTS","parentId":"%s"}
                        """.formatted(UUID.randomUUID().toString().substring(0, 8), haTinh))
                .post("/api/v1/units").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON)
                .body("""
                        {"code":"HT-%s","name":"Tổ công đoàn","type":"GRASSROOTS","parentId":"%s"}
                        """.formatted(UUID.randomUUID().toString().substring(0, 8), parent))
                .post("/api/v1/units").then().spec(problem(422, "parentId"));
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"ok-1\",\"name\":\"\",\"type\":\"GRASSROOTS\",\"parentId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/units").then().spec(problem(400, "name"));

        given().contentType(ContentType.JSON)
                .body("{\"code\":\"ok-2\",\"name\":\"X\",\"type\":\"PROVINCE\",\"parentId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/units").then().spec(problem(400, "type"));

        String oversize = "Công đoàn ".repeat(31);
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"ok-3\",\"name\":\"" + oversize + "\",\"type\":\"GRASSROOTS\",\"parentId\":\""
                        + given().get("/api/v1/units/by-code/42").then().extract().path("id") + "\"}")
                .post("/api/v1/units").then().spec(problem(400, "name"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"ok-4\",\"name\":\"X\",\"type\":\"GRASSROOTS\",\"parentId\":\""
                        + UUID.randomUUID() + "\",\"validFrom\":\"2022-02-30\"}")
                .post("/api/v1/units").then().spec(problem(400, "validFrom"));
        String haTinh = given().get("/api/v1/units/by-code/42").then().extract().path("id");
        for (String[] date : new String[][] { { "ok-5", "-5000-01-01" }, { "ok-6", "+300000-01-01" },
                { "ok-7", "0000-12-31" } }) {
            given().contentType(ContentType.JSON)
                    .body("{\"code\":\"" + date[0] + "\",\"name\":\"X\",\"type\":\"GRASSROOTS\",\"parentId\":\""
                            + haTinh + "\",\"validFrom\":\"" + date[1] + "\"}")
                    .post("/api/v1/units").then().spec(problem(400, "validFrom"));
        }
        for (String code : new String[] { "ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "ok-6", "ok-7" }) {
            given().get("/api/v1/units/by-code/" + code).then().statusCode(404);
        }

        given().get("/api/v1/units/not-a-uuid").then().spec(problem(404));
    }

    @Test
    void concurrentCreatesOfOneCodeGiveOneUnitAndConflictsNeverAServerError() throws Exception {
        String haTinh = given().get("/api/v1/units/by-code/42").then().extract().path("id");
        String code = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code":"%s","name":"Công đoàn cơ sở tranh chấp mã","type":"GRASSROOTS","parentId":"%s"}
                """.formatted(code, haTinh);
        var spec = io.restassured.RestAssured.requestSpecification;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> given().spec(spec).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/units").statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var f : futures) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void readinessAsksOnlyForTheDatabaseAndMonitoringHearsOfTheBroker() {
        // without the broker the service still answers and its events wait in the outbox
        // and whether it is stopping: readiness goes DOWN while it empties its connections (Draining)
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", containsInAnyOrder("Database connections health check", "Graceful Shutdown"));
        given().get("/q/health/well").then()
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.alertAfterSeconds", equalTo(60));
    }
}
