package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;


import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * A province reconciles its own figures with the standings: its initiatives counted per unit by the standings' rule,
 * at the end of any day. The service's clock stands on 15 April 2022 in Vietnam.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class UnitCountsTest extends MidProgrammeDay {

    @Test
    void eachUnitCountsAsTheStandingsDoAtTheEndOfADay() {
        Replica.Province p = Replica.province(replicas);
        UUID port = UUID.randomUUID();
        Replica.publish(replicas, new OrgUnitState(port, "CNT-" + port.toString().substring(0, 8),
                "Công đoàn cơ sở Cảng", OrgUnitType.GRASSROOTS, p.id(), p.id(), 300, null, LocalDate.of(2020, 1, 1),
                null, null, 0));
        String programme = programmes.publishNew(LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1));
        String key = Replica.apiKey(em, p.id()).presented();
        String rows = "[" + String.join(",",
                row(programme, "C-1", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"RECOGNIZED\","
                        + "\"reviewedAt\":\"2022-03-15T09:00:00+07:00\""),
                row(programme, "C-2", p.unit(), "\"submittedAt\":\"2021-11-01T08:00:00+07:00\",\"outcome\":\"WITHDRAWN\","
                        + "\"endedAt\":\"2022-02-01T09:00:00+07:00\""),
                row(programme, "C-3", port, "\"submittedAt\":\"2022-01-10T08:00:00+07:00\""),
                row(programme, "C-4", port, "\"submittedAt\":\"2022-01-12T08:00:00+07:00\",\"outcome\":\"NOT_RECOGNIZED\","
                        + "\"reviewedAt\":\"2022-02-20T09:00:00+07:00\"")) + "]";
        given().header("X-API-Key", key).queryParam("province", p.code()).contentType(ContentType.JSON)
                .body(rows.getBytes(StandardCharsets.UTF_8)).post("/api/v1/initiatives/import").then()
                .statusCode(200).body("created", equalTo(4));

        JsonPath december = counts(key, p.code(), programme, "2021-12-31");
        assertThat(december.getInt(unit(p.unit()) + ".submissions")).isEqualTo(2);
        assertThat(december.getInt(unit(p.unit()) + ".recognized")).isZero();
        assertThat(december.getInt(unit(port) + ".submissions")).isZero();

        JsonPath march = counts(key, p.code(), programme, "2022-03-31");
        assertThat(march.getInt(unit(p.unit()) + ".submissions")).as("withdrawn on 1 February").isEqualTo(1);
        assertThat(march.getInt(unit(p.unit()) + ".recognized")).isEqualTo(1);
        assertThat(march.getInt(unit(p.unit()) + ".withdrawn")).isEqualTo(1);
        assertThat(march.getInt(unit(port) + ".submissions")).isEqualTo(2);
        assertThat(march.getInt(unit(port) + ".notRecognized")).isEqualTo(1);
        assertThat(march.getInt("totals.submissions")).isEqualTo(3);
        assertThat(march.getInt("totals.recognized")).isEqualTo(1);
        assertThat(march.getString(unit(port) + ".unitCode")).startsWith("CNT-");
        // counts, never content
        assertThat(march.prettify()).doesNotContain("Sáng kiến").doesNotContain("m-count");

        JsonPath today = given().header("X-API-Key", key).queryParam("province", p.code())
                .queryParam("programme", programme).get("/api/v1/initiatives/counts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(today.getString("asOf")).isEqualTo("2022-04-15");
        assertThat(today.getInt("totals.submissions")).isEqualTo(3);
    }

    @Test
    void onlyTheProvincesSystemsAndAdministratorsMayCount() {
        Replica.Province p = Replica.province(replicas);
        Replica.Province other = Replica.province(replicas);
        String otherKey = Replica.apiKey(em, other.id()).presented();

        given().queryParam("province", p.code()).get("/api/v1/initiatives/counts").then().statusCode(401);
        given().header("X-API-Key", otherKey).queryParam("province", p.code()).get("/api/v1/initiatives/counts")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-count"))
                .queryParam("province", p.code()).get("/api/v1/initiatives/counts").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, p.id().toString(), "admin"))
                .queryParam("province", p.code()).get("/api/v1/initiatives/counts").then().statusCode(200);
        given().header("X-API-Key", otherKey).get("/api/v1/initiatives/counts").then().statusCode(400)
                .body("field", equalTo("province"));
        given().header("X-API-Key", otherKey).queryParam("province", other.code()).queryParam("asOf", "2022-04-16")
                .get("/api/v1/initiatives/counts").then().statusCode(400).body("field", equalTo("asOf"));
        given().header("X-API-Key", otherKey).queryParam("province", other.code()).queryParam("asOf", "15/04/2022")
                .get("/api/v1/initiatives/counts").then().statusCode(400).body("field", equalTo("asOf"));
    }

    private static JsonPath counts(String key, String province, String programme, String asOf) {
        return given().header("X-API-Key", key).queryParam("province", province).queryParam("programme", programme)
                .queryParam("asOf", asOf).get("/api/v1/initiatives/counts").then().statusCode(200).extract()
                .jsonPath();
    }

    private static String unit(UUID id) {
        return "units.find { it.unitId == '" + id + "' }";
    }

    private static String row(String programme, String externalRef, UUID unit, String past) {
        return """
                {"externalRef":"%s","programmeCode":"%s","title":"Sáng kiến %s","problem":"Vấn đề",
                 "solution":"Giải pháp","expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s",
                 "visibility":"CONFIDENTIAL","authors":[{"memberId":"m-count","displayName":"Tác giả"}],
                 "submit":true,%s}""".formatted(externalRef, programme, externalRef, unit, past);
    }
}
