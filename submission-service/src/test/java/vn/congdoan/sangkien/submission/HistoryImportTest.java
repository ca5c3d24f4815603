package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;


import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * A province that adopts the system mid-programme imports its history: rows with their original submission time and,
 * from its API key or administrators, the council's outcome. The service's clock stands on 15 April 2022 (in Vietnam)
 * unless a test moves it; each test publishes a programme of its own, 1 September 2021 to 1 September 2023.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class HistoryImportTest extends MidProgrammeDay {

    /** A province, a union in force throughout, one dissolved on 1 January 2022, its API key and a programme. */
    record Province(UUID id, String code, UUID unit, UUID dissolved, String keyId, String key, String programme) {
    }

    @Test
    void aBackdatedRecognisedRowIsStoredAsItWasWithItsProvenanceAndOneEvent() {
        Province p = province();
        String row = row(p, "H-1", p.unit(), """
                "submittedAt":"2021-10-05T08:00:00+07:00","outcome":"RECOGNIZED","reviewedAt":"2022-03-15T09:00:00+07:00",
                "noveltyScore":8,"feasibilityScore":7,"effectivenessScore":9,"estimatedBenefitVnd":250000000""");

        String id = importByKey(p, "[" + row + "]").statusCode(200).body("created", equalTo(1))
                .extract().path("results[0].id");

        given().header("X-API-Key", p.key()).get("/api/v1/initiatives/" + id).then().statusCode(200)
                .body("status", equalTo("RECOGNIZED"))
                .body("submittedAt", equalTo("2021-10-05T01:00:00Z"))
                .body("review.decision", equalTo("RECOGNIZED"))
                .body("review.reviewedAt", equalTo("2022-03-15T02:00:00Z"))
                .body("review.novelty", equalTo(8))
                .body("review.estimatedBenefitVnd", equalTo(250000000))
                .body("imported", equalTo(true))
                .body("importedBy", equalTo("apikey:" + p.keyId()))
                .body("importedAt", equalTo("2022-04-15T03:00:00Z"));
        InitiativeEvent event = events(id, 1).get(0);
        assertThat(event.type()).isEqualTo(InitiativeEvent.Type.REVIEWED);
        assertThat(event.submittedAt()).isEqualTo(Instant.parse("2021-10-05T01:00:00Z"));
        assertThat(event.recognizedAt()).isEqualTo(Instant.parse("2022-03-15T02:00:00Z"));
        assertThat(event.endedAt()).isNull();

        long before = OutboxProbe.lastId(em);
        importByKey(p, "[" + row + "]").statusCode(200).body("unchanged", equalTo(1));
        assertThat(OutboxProbe.lastId(em)).as("no event for a file sent again").isEqualTo(before);

        String csv = given().header("X-API-Key", p.key()).queryParam("province", p.code()).queryParam("format", "csv")
                .get("/api/v1/initiatives/export").then().statusCode(200).extract().asString();
        assertThat(csv).contains("apikey:" + p.keyId()).contains("2021-10-05T01:00:00Z");
    }

    @Test
    void aRowThatChangesOnlyTheOutcomeIsUpdatedWithExactlyOneEvent() {
        Province p = province();
        String submitted = "\"submittedAt\":\"2021-11-20T09:30:00+07:00\"";
        String id = importByKey(p, "[" + row(p, "H-2", p.unit(), submitted) + "]").statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");

        importByKey(p, "[" + row(p, "H-2", p.unit(), submitted
                + ",\"outcome\":\"RECOGNIZED\",\"reviewedAt\":\"2022-02-01T09:00:00+07:00\"") + "]").statusCode(200)
                .body("updated", equalTo(1)).body("results[0].id", equalTo(id));

        List<InitiativeEvent> events = events(id, 2);
        assertThat(events).extracting(InitiativeEvent::type)
                .containsExactly(InitiativeEvent.Type.SUBMITTED, InitiativeEvent.Type.REVIEWED);
        assertThat(events.get(1).version()).isEqualTo(1);
        assertThat(events.get(1).recognizedAt()).isEqualTo(Instant.parse("2022-02-01T02:00:00Z"));

        // marked a duplicate later: it stops counting that day and stays recognised from its own
        String original = row(p, "H-2-ORIG", p.unit(), "\"submittedAt\":\"2021-10-01T09:00:00+07:00\"");
        importByKey(p, "[" + row(p, "H-2", p.unit(), submitted + ",\"outcome\":\"DUPLICATE\",\"duplicateOf\":\"H-2-ORIG\","
                + "\"endedAt\":\"2022-03-01T09:00:00+07:00\"") + "," + original + "]").statusCode(200)
                .body("results.status", equalTo(List.of("UPDATED", "CREATED")));
        InitiativeEvent duplicate = events(id, 3).get(2);
        assertThat(duplicate.type()).isEqualTo(InitiativeEvent.Type.MARKED_DUPLICATE);
        assertThat(duplicate.recognizedAt()).isEqualTo(Instant.parse("2022-02-01T02:00:00Z"));
        assertThat(duplicate.endedAt()).isEqualTo(Instant.parse("2022-03-01T02:00:00Z"));
        given().get("/api/v1/initiatives/" + id).then().body("status", equalTo("DUPLICATE"))
                .body("duplicateOf", equalTo(given().get("/api/v1/initiatives?programme=" + p.programme()
                        + "&province=" + p.id()).then().extract().jsonPath()
                        .getString("items.find { it.externalRef == 'H-2-ORIG' }.id")));

        // an import does not bring back what ended
        importByKey(p, "[" + row(p, "H-2", p.unit(), submitted
                + ",\"outcome\":\"RECOGNIZED\",\"reviewedAt\":\"2022-02-01T09:00:00+07:00\"") + "]").statusCode(200)
                .body("rejected", equalTo(1)).body("results[0].errors[0].field", equalTo("outcome"));
    }

    @Test
    void aWithdrawnRowEndsOnItsDay() {
        Province p = province();
        String id = importByKey(p, "[" + row(p, "H-3", p.unit(), "\"submittedAt\":\"2021-12-01T08:00:00+07:00\","
                + "\"outcome\":\"WITHDRAWN\",\"endedAt\":\"2022-01-10T08:00:00+07:00\"") + "]").statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");

        given().get("/api/v1/initiatives/" + id).then().body("status", equalTo("WITHDRAWN"))
                .body("endedAt", equalTo("2022-01-10T01:00:00Z"));
        InitiativeEvent event = events(id, 1).get(0);
        assertThat(event.type()).isEqualTo(InitiativeEvent.Type.WITHDRAWN);
        assertThat(event.endedAt()).isEqualTo(Instant.parse("2022-01-10T01:00:00Z"));
        assertThat(event.recognizedAt()).isNull();
    }

    @Test
    void eachRuleOfThePastRejectsTheRowNamingTheField() {
        Province p = province();
        String rows = "[" + String.join(",",
                row(p, "R-future", p.unit(), "\"submittedAt\":\"2022-04-16T08:00:00+07:00\""),
                row(p, "R-before", p.unit(), "\"submittedAt\":\"2021-08-31T23:00:00+07:00\""),
                row(p, "R-review", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"NOT_RECOGNIZED\","
                        + "\"reviewedAt\":\"2021-10-04T08:00:00+07:00\""),
                row(p, "R-ended", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"WITHDRAWN\","
                        + "\"endedAt\":\"2021-10-05T07:00:00+07:00\""),
                row(p, "R-no-review", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"RECOGNIZED\""),
                row(p, "R-score", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"RECOGNIZED\","
                        + "\"reviewedAt\":\"2021-11-05T08:00:00+07:00\",\"noveltyScore\":11"),
                row(p, "R-no-offset", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00\""),
                row(p, "R-programme", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\"")
                        .replace(p.programme(), "no-such-programme"),
                row(p, "R-dup", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"DUPLICATE\","
                        + "\"duplicateOf\":\"NOT-THERE\",\"endedAt\":\"2021-12-05T08:00:00+07:00\""),
                row(p, "R-old-union", p.dissolved(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\""),
                row(p, "R-new-union", p.dissolved(), "")) + "]";

        JsonPath report = importByKey(p, rows).statusCode(200).extract().jsonPath();

        assertThat(report.getList("results.status")).containsExactly("REJECTED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "CREATED", "REJECTED");
        assertThat(report.getList("results.findAll { it.status == 'REJECTED' }.errors.field")).containsExactly(
                List.of("submittedAt"),
                List.of("submittedAt"), List.of("reviewedAt"), List.of("endedAt"), List.of("reviewedAt"),
                List.of("noveltyScore"), List.of("submittedAt"), List.of("programmeCode"), List.of("duplicateOf"),
                List.of("unitId"));
        assertThat(report.getString("results[6].errors[0].detail")).doesNotContain("OffsetDateTime")
                .contains("offset");

        // after the programme's end, its last day still takes a backdated row and nothing after it does
        clock.set(OffsetDateTime.parse("2024-01-10T10:00:00+07:00").toInstant());
        importByKey(p, "[" + row(p, "R-last-day", p.unit(), "\"submittedAt\":\"2023-09-01T20:00:00+07:00\"") + ","
                + row(p, "R-after", p.unit(), "\"submittedAt\":\"2023-09-02T08:00:00+07:00\"") + ","
                + row(p, "R-today", p.unit(), "") + "]").statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "REJECTED", "REJECTED")))
                .body("results[1].errors[0].field", equalTo("submittedAt"))
                .body("results[2].errors[0].field", equalTo("programmeCode"));
    }

    @Test
    void anOutcomeIsTakenFromTheKeyAndAdministratorsOnlyAndRejectedFromOthersNamingIt() {
        Province p = province();
        String outcome = "\"submittedAt\":\"2021-10-05T08:00:00+07:00\",\"outcome\":\"RECOGNIZED\","
                + "\"reviewedAt\":\"2022-01-05T08:00:00+07:00\"";
        String integrationToken = Tokens.bearer(Roles.PROVINCE_INTEGRATION, p.id().toString(), "it-staff");
        importAs(integrationToken, p, "[" + row(p, "T-1", p.unit(), outcome) + ","
                + row(p, "T-2", p.unit(), "\"submittedAt\":\"2021-10-05T08:00:00+07:00\"") + "]").statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "CREATED")))
                .body("results[0].errors.field", equalTo(List.of("outcome", "reviewedAt")));

        String admin = Tokens.bearer(Roles.UNIT_ADMIN, p.id().toString(), "admin-" + p.code());
        String id = importAs(admin, p, "[" + row(p, "T-1", p.unit(), outcome) + "]").statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");
        given().get("/api/v1/initiatives/" + id).then().body("status", equalTo("RECOGNIZED"))
                .body("importedBy", equalTo("admin-" + p.code()));
    }

    @Test
    void aCsvRowCarriesItsPast() {
        Province p = province();
        String csv = "externalRef,programmeCode,title,problem,solution,expectedBenefit,field,unitId,visibility,"
                + "authors,submit,submittedAt,outcome,reviewedAt,noveltyScore,estimatedBenefitVnd\n"
                + "C-1," + p.programme() + ",Sổ tay an toàn,Tai nạn,Hướng dẫn,Ít sự cố,OCCUPATIONAL_SAFETY," + p.unit()
                + ",PUBLIC,m-1:Nguyễn Văn An,true,2021-10-05T08:00:00+07:00,RECOGNIZED,2022-03-15T09:00:00+07:00,7,"
                + "1000000\n";
        String id = given().header("X-API-Key", p.key()).queryParam("province", p.code()).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/initiatives/import").then().statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");
        given().get("/api/v1/initiatives/" + id).then().body("status", equalTo("RECOGNIZED"))
                .body("submittedAt", equalTo("2021-10-05T01:00:00Z"));

        byte[] exported = given().header("X-API-Key", p.key()).queryParam("province", p.code())
                .queryParam("format", "csv").get("/api/v1/initiatives/export").then().statusCode(200)
                .extract().asByteArray();
        given().header("X-API-Key", p.key()).queryParam("province", p.code()).contentType("text/csv").body(exported)
                .post("/api/v1/initiatives/import").then().statusCode(200).body("unchanged", equalTo(1));
    }

    private ValidatableResponse importByKey(Province p, String body) {
        return given().header("X-API-Key", p.key()).queryParam("province", p.code()).contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/initiatives/import").then();
    }

    private ValidatableResponse importAs(String authorization, Province p, String body) {
        return given().header("Authorization", authorization).queryParam("province", p.code())
                .contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/initiatives/import").then();
    }

    /** A submitted row of the province's programme, with {@code past} (JSON members, or empty) added. */
    private static String row(Province p, String externalRef, UUID unit, String past) {
        return """
                {"externalRef":"%s","programmeCode":"%s","title":"Sáng kiến %s","problem":"Vấn đề",
                 "solution":"Giải pháp","expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s","visibility":"PUBLIC",
                 "authors":[{"memberId":"m-hist","displayName":"Tác giả"}],"submit":true%s}"""
                .formatted(externalRef, p.programme(), externalRef, unit, past.isBlank() ? "" : "," + past);
    }

    /** The events of one initiative, in order, once {@code count} of them are on the topic. */
    private static List<InitiativeEvent> events(String id, int count) {
        return TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS, r -> r.value().contains(id), count,
                Duration.ofSeconds(20)).stream().map(r -> EventJson.read(r.value(), InitiativeEvent.class)).toList();
    }

    private Province province() {
        Replica.Province p = Replica.province(replicas);
        UUID dissolved = UUID.randomUUID();
        Replica.publish(replicas, new OrgUnitState(dissolved, "HIS-" + dissolved.toString().substring(0, 8),
                "Công đoàn cơ sở đã giải thể", OrgUnitType.GRASSROOTS, p.id(), p.id(), 120, null,
                LocalDate.of(2020, 1, 1), LocalDate.of(2022, 1, 1), null, 0));
        String programme = programmes.publishNew(LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1));
        Replica.Key key = Replica.apiKey(em, p.id());
        return new Province(p.id(), p.code(), p.unit(), dissolved, key.id(), key.presented(), programme);
    }
}
