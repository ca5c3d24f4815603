package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** The sector of a unit (khối): set on create, update and import, shown, and published for the breakdowns. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class UnitSectorTest extends SignedInAsNationalAdmin {

    @Test
    void aSectorSetOnCreateAndChangedByPutIsShownAndPublished() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Khối");
        String code = "BV-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Công đoàn cơ sở Bệnh viện Đa khoa tỉnh","type":"GRASSROOTS",
                         "parentId":"%s","sector":"PUBLIC_SERVICE_UNIT"}
                        """.formatted(code, province))
                .post("/api/v1/units").then().statusCode(201)
                .body("sector", equalTo("PUBLIC_SERVICE_UNIT")).extract().path("id");
        given().get("/api/v1/units/" + id).then().statusCode(200).body("sector", equalTo("PUBLIC_SERVICE_UNIT"));
        given().queryParam("parentId", province).get("/api/v1/units").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.sector", equalTo("PUBLIC_SERVICE_UNIT"));
        assertThat(published(id, 0).sector()).isEqualTo(UnitSector.PUBLIC_SERVICE_UNIT);

        String etag = Units.etagOf(id);
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"sector\":\"STATE_OWNED_ENTERPRISE\"}")
                .put("/api/v1/units/" + id).then().statusCode(200)
                .body("sector", equalTo("STATE_OWNED_ENTERPRISE"))
                .body("name", equalTo("Công đoàn cơ sở Bệnh viện Đa khoa tỉnh"));
        assertThat(published(id, 1).sector()).isEqualTo(UnitSector.STATE_OWNED_ENTERPRISE);

        // a rename alone leaves the sector as it is
        etag = Units.etagOf(id);
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Khối\"}")
                .put("/api/v1/units/" + id).then().statusCode(200).body("sector", equalTo("STATE_OWNED_ENTERPRISE"));
    }

    @Test
    void aUnitWithoutASectorHasNone() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Không Khối");
        String id = Units.create("GRASSROOTS", province, "Công đoàn cơ sở chưa rõ khối");

        given().get("/api/v1/units/" + id).then().statusCode(200).body("sector", nullValue());
        assertThat(published(id, 0).sector()).isNull();
    }

    @Test
    void anUnknownSectorIsRefusedNamingIt() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Sai Khối");
        String code = "SK-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"Công đoàn cơ sở Hợp tác xã","type":"GRASSROOTS","parentId":"%s",
                         "sector":"COOPERATIVE"}
                        """.formatted(code, province))
                .post("/api/v1/units").then().spec(problem(400, "sector"))
                .body("allowed", hasItem("PUBLIC_SERVICE_UNIT"));
        given().get("/api/v1/units/by-code/" + code).then().statusCode(404);

        String id = Units.create("GRASSROOTS", province, "Công đoàn cơ sở Công ty Cổ phần");
        String etag = Units.etagOf(id);
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"sector\":\"private_enterprise\"}")
                .put("/api/v1/units/" + id).then().spec(problem(400, "sector"));
        // a sector takes effect at once: it is not scheduled with a rename for a later day
        String later = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30).toString();
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Công đoàn cơ sở Công ty Cổ phần Mới\",\"effectiveFrom\":\"" + later
                        + "\",\"sector\":\"PRIVATE_ENTERPRISE\"}")
                .put("/api/v1/units/" + id).then().spec(problem(422, "sector"));
        given().get("/api/v1/units/" + id).then().body("sector", nullValue());
    }

    @Test
    void theLabelsNameEachSectorInVietnamese() {
        given().get("/api/v1/units/labels").then().statusCode(200)
                .body("sector.value", org.hamcrest.Matchers.contains("STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE",
                        "FOREIGN_INVESTED_ENTERPRISE", "PUBLIC_SERVICE_UNIT", "ADMINISTRATIVE_BODY", "OTHER"))
                .body("sector.find { it.value == 'FOREIGN_INVESTED_ENTERPRISE' }.vi",
                        equalTo("Doanh nghiệp có vốn đầu tư nước ngoài"))
                .body("sector.find { it.value == 'PUBLIC_SERVICE_UNIT' }.vi", equalTo("Đơn vị sự nghiệp công lập"));
    }

    @Test
    void anImportSetsAndChangesSectorsAndRejectsAnUnknownOneNamingIt() {
        String provinceCode = Units.province(null);
        String p = UUID.randomUUID().toString().substring(0, 6);
        String rows = """
                [{"code":"%1$s-F","name":"Công đoàn cơ sở Công ty Formosa Hà Tĩnh","type":"GRASSROOTS","parentCode":"%2$s","sector":"FOREIGN_INVESTED_ENTERPRISE"},
                 {"code":"%1$s-U","name":"Công đoàn cơ sở Ủy ban nhân dân huyện","type":"GRASSROOTS","parentCode":"%2$s","sector":"ADMINISTRATIVE_BODY"},
                 {"code":"%1$s-X","name":"Công đoàn cơ sở Hợp tác xã","type":"GRASSROOTS","parentCode":"%2$s","sector":"COOPERATIVE"}]
                """.formatted(p, provinceCode);
        JsonPath report = importJson(provinceCode, rows);
        assertThat(report.getList("results.outcome")).containsExactly("CREATED", "CREATED", "REJECTED");
        assertThat(report.getString("results[2].field")).isEqualTo("sector");
        assertThat(report.getString("results[2].reason")).contains("COOPERATIVE", "PUBLIC_SERVICE_UNIT");
        String formosa = report.getString("results[0].id");
        given().get("/api/v1/units/" + formosa).then().body("sector", equalTo("FOREIGN_INVESTED_ENTERPRISE"));
        assertThat(published(formosa, 0).sector()).isEqualTo(UnitSector.FOREIGN_INVESTED_ENTERPRISE);

        // the same rows change nothing; a row without a sector keeps the unit's; a changed sector updates it
        assertThat(importJson(provinceCode, rows).getList("results.outcome"))
                .containsExactly("UNCHANGED", "UNCHANGED", "REJECTED");
        String csv = "\uFEFFcode,name,type,parentCode,sector\r\n"
                + p + "-F,Công đoàn cơ sở Công ty Formosa Hà Tĩnh,GRASSROOTS," + provinceCode + ",\r\n"
                + p + "-U,Công đoàn cơ sở Ủy ban nhân dân huyện,GRASSROOTS," + provinceCode + ",PUBLIC_SERVICE_UNIT\r\n"
                + p + "-N,Công đoàn cơ sở Trường Tiểu học Kỳ Anh,GRASSROOTS," + provinceCode + ",PUBLIC_SERVICE_UNIT\r\n";
        JsonPath fromCsv = given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("province", provinceCode).post("/api/v1/units/import")
                .then().statusCode(200).extract().jsonPath();
        assertThat(fromCsv.getList("results.outcome")).containsExactly("UNCHANGED", "UPDATED", "CREATED");
        given().get("/api/v1/units/" + formosa).then().body("sector", equalTo("FOREIGN_INVESTED_ENTERPRISE"));
        given().get("/api/v1/units/by-code/" + p + "-U").then().body("sector", equalTo("PUBLIC_SERVICE_UNIT"));
        given().get("/api/v1/units/by-code/" + p + "-N").then().body("sector", equalTo("PUBLIC_SERVICE_UNIT"));
        assertThat(published(fromCsv.getString("results[1].id"), 1).sector())
                .isEqualTo(UnitSector.PUBLIC_SERVICE_UNIT);
    }

    private static JsonPath importJson(String provinceCode, String rows) {
        return given().contentType(ContentType.JSON).body(rows).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).extract().jsonPath();
    }

    /** The unit's state as published with {@code version}. */
    private static OrgUnitState published(String id, long version) {
        var records = TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(id)
                && EventJson.read(r.value(), OrgUnitState.class).version() == version, Duration.ofSeconds(20));
        return EventJson.read(records.get(records.size() - 1).value(), OrgUnitState.class);
    }
}
