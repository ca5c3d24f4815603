package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
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
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** Units imported as they were: with the day they ended, and within the days their parent was in force. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class OrgUnitImportHistoryTest extends SignedInAsNationalAdmin {

    @Test
    void aGrassrootsUnionDissolvedIn2023IsImportedWithItsEndAndPublishedWithIt() {
        String province = Units.province("2000-01-01");
        String p = prefix();
        String csv = "code,name,type,parentCode,memberCount,memberCountAsOf,validFrom,validTo\r\n"
                + p + "-G,Công đoàn cơ sở Công ty May Giải Thể,GRASSROOTS," + province + ",320,2022-04-15,2019-03-01,"
                + "2023-06-30\r\n";

        JsonPath report = importCsv(province, csv);

        assertThat(report.getList("results.outcome")).containsExactly("CREATED");
        String id = report.getString("results[0].id");
        given().get("/api/v1/units/" + id).then().statusCode(200)
                .body("validFrom", equalTo("2019-03-01")).body("validTo", equalTo("2023-06-30"));
        given().queryParam("asOf", "2023-06-29").get("/api/v1/units/" + id).then().statusCode(200)
                .body("name", equalTo("Công đoàn cơ sở Công ty May Giải Thể"));
        OrgUnitState event = EventJson.read(TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(id),
                Duration.ofSeconds(20)).get(0).value(), OrgUnitState.class);
        assertThat(event.validFrom()).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(event.validTo()).isEqualTo(LocalDate.of(2023, 6, 30));
        assertThat(event.activeOn(LocalDate.of(2023, 6, 29))).isTrue();
        assertThat(event.activeOn(LocalDate.of(2023, 6, 30))).isFalse();

        assertThat(importCsv(province, csv).getList("results.outcome")).containsExactly("UNCHANGED");
    }

    @Test
    void aRowChangingOnlyValidToEndsTheUnitOrMovesItsEnd() {
        String province = Units.province("2000-01-01");
        String p = prefix();
        String open = row(p + "-G", "GRASSROOTS", province, "2019-03-01", null);
        String id = importJson(province, "[" + open + "]").getString("results[0].id");

        JsonPath ended = importJson(province, "[" + row(p + "-G", "GRASSROOTS", province, "2019-03-01",
                "2023-06-30") + "]");
        assertThat(ended.getList("results.outcome")).containsExactly("UPDATED");
        given().get("/api/v1/units/" + id).then().body("validTo", equalTo("2023-06-30"));
        TopicProbe.awaitRecords(Topics.ORG_UNITS,
                r -> r.key().equals(id) && r.value().contains("\"validTo\":\"2023-06-30\""), Duration.ofSeconds(20));

        // a file without the end, written before it, leaves the unit ended
        assertThat(importJson(province, "[" + open + "]").getList("results.outcome")).containsExactly("UNCHANGED");

        JsonPath corrected = importJson(province, "[" + row(p + "-G", "GRASSROOTS", province, "2019-03-01",
                "2023-09-01") + "]");
        assertThat(corrected.getList("results.outcome")).containsExactly("UPDATED");
        given().get("/api/v1/units/" + id).then().body("validTo", equalTo("2023-09-01"));
        given().queryParam("asOf", "2023-08-31").get("/api/v1/units/" + id).then().statusCode(200)
                .body("validTo", equalTo("2023-09-01"));
    }

    @Test
    void aDistrictUnionDissolvesWithItsGrassrootsUnionsInOneFile() {
        String province = Units.province("2000-01-01");
        String p = prefix();
        importJson(province, "[" + row(p + "-D", "DIRECT_SUPERIOR", province, "2018-01-01", null) + ","
                + row(p + "-G1", "GRASSROOTS", p + "-D", "2018-01-01", null) + "]");

        // the district is listed first: the grassroots union below it still ends before it does
        JsonPath report = importJson(province, "[" + row(p + "-D", "DIRECT_SUPERIOR", province, "2018-01-01",
                "2023-07-01") + "," + row(p + "-G1", "GRASSROOTS", p + "-D", "2018-01-01", "2023-06-30") + ","
                + row(p + "-G2", "GRASSROOTS", p + "-D", "2020-01-01", "2023-07-01") + "]");

        assertThat(report.getList("results.outcome")).as(report.prettify())
                .containsExactly("UPDATED", "UPDATED", "CREATED");
        given().get("/api/v1/units/by-code/" + p + "-D").then().body("validTo", equalTo("2023-07-01"));
        given().get("/api/v1/units/by-code/" + p + "-G2").then().body("validTo", equalTo("2023-07-01"));
    }

    @Test
    void eachRuleOfTheDaysInForceRejectsItsRowNamingTheField() {
        String province = Units.province("2010-01-01");
        String p = prefix();
        importJson(province, "[" + row(p + "-D", "DIRECT_SUPERIOR", province, "2015-01-01", "2023-07-01") + "]");

        JsonPath report = importJson(province, "["
                + row(p + "-G1", "GRASSROOTS", province, "2022-01-01", "2021-12-31") + ","
                + row(p + "-G2", "GRASSROOTS", province, "2022-01-01", "2022-01-01") + ","
                + row(p + "-G3", "GRASSROOTS", province, "2009-12-31", null) + ","
                + row(p + "-G4", "GRASSROOTS", p + "-D", "2014-12-31", "2020-01-01") + ","
                + row(p + "-G5", "GRASSROOTS", p + "-D", "2016-01-01", "2023-07-02") + ","
                + row(p + "-G6", "GRASSROOTS", p + "-D", "2016-01-01", null) + ","
                + row(p + "-G7", "GRASSROOTS", p + "-D", "2023-07-01", "2024-01-01") + ","
                + row(p + "-G8", "GRASSROOTS", p + "-D", "2016-01-01", "2023-07-01") + "]");

        assertThat(report.getList("results.outcome")).as(report.prettify()).containsExactly("REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "CREATED");
        assertThat(report.getList("results.field")).containsExactly("validTo", "validTo", "validFrom", "validFrom",
                "validTo", "validTo", "parentCode", null);
        assertThat(report.getString("results[4].reason")).contains("2023-07-01").contains("outlive");
        for (int g = 1; g <= 7; g++) {
            given().get("/api/v1/units/by-code/" + p + "-G" + g).then().statusCode(404);
        }
    }

    @Test
    void theApiRefusesAUnitStartingBeforeItsParent() {
        String district = Units.create("DIRECT_SUPERIOR", Units.idOf(Units.province("2010-01-01")),
                "Liên đoàn Lao động huyện Mới Lập", "2015-01-01");
        given().contentType(ContentType.JSON).body("""
                {"code":"%s-G","name":"Công đoàn cơ sở Sớm Hơn","type":"GRASSROOTS","parentId":"%s",
                 "validFrom":"2014-12-31"}""".formatted(prefix(), district))
                .post("/api/v1/units").then()
                .spec(problem(422, "validFrom"))
                .body("detail", org.hamcrest.Matchers.containsString("2015-01-01"));
        String child = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Cùng Ngày", "2015-01-01");
        given().get("/api/v1/units/" + child).then().body("validFrom", equalTo("2015-01-01"))
                .body("validTo", nullValue());
    }

    private static String row(String code, String type, String parentCode, String validFrom, String validTo) {
        return """
                {"code":"%s","name":"Công đoàn %s","type":"%s","parentCode":"%s","validFrom":"%s"%s}"""
                .formatted(code, code, type, parentCode, validFrom,
                        validTo == null ? "" : ",\"validTo\":\"" + validTo + "\"");
    }

    private static JsonPath importJson(String province, String rows) {
        return given().contentType(ContentType.JSON).body(rows).queryParam("province", province)
                .post("/api/v1/units/import").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath importCsv(String province, String csv) {
        return given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).queryParam("province",
                province).post("/api/v1/units/import").then().statusCode(200).extract().jsonPath();
    }

    private static String prefix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
