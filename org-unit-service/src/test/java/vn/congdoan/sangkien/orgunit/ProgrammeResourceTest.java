package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class ProgrammeResourceTest extends SignedInAsNationalAdmin {

    private static final String ONE_MILLION = "1-trieu-sang-kien";

    @Test
    void theReferenceProgrammeTakesSubmissionsWithoutAnEnd() {
        given().queryParam("asOf", "2022-04-15").get("/api/v1/programmes/" + ONE_MILLION).then()
                .statusCode(200)
                .body("name", equalTo("1 triệu sáng kiến, nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19"))
                .body("startDate", equalTo("2021-09-01"))
                .body("endDate", nullValue())
                .body("nationalTarget", equalTo(1_000_000))
                .body("dayNumber", equalTo(227))
                .body("daysElapsed", equalTo(227))
                .body("daysRemaining", nullValue())
                .body("phases.code", contains("phase-1"))
                .body("phases[0].name", equalTo("Giai đoạn 1"))
                .body("phases[0].startDate", nullValue())
                .body("phases[0].endDate", nullValue());
    }

    @Test
    void aProgrammeUntilTheFirstOfSeptember2023WasOnDay227Of731OnTheFifteenthOfApril2022() {
        String code = createProgramme("2021-09-01", "2023-09-01");

        given().queryParam("asOf", "2022-04-15").get("/api/v1/programmes/" + code).then()
                .statusCode(200)
                .body("dayNumber", equalTo(227))
                .body("daysElapsed", equalTo(227))
                .body("daysRemaining", equalTo(504));
    }

    @Test
    void ngheAnsPhaseOneTargetWasThreeThousand() {
        given().get("/api/v1/programmes/" + ONE_MILLION + "/phases/phase-1/targets").then()
                .statusCode(200)
                .body("code", contains("40"))
                .body("name", contains("Liên đoàn Lao động tỉnh Nghệ An"))
                .body("target", contains(3000));
    }

    @Test
    void theReferenceProgrammeIsPublishedToo() {
        // as the reference data was first published, then without an end
        var records = TopicProbe.awaitRecords(Topics.PROGRAMMES, r -> r.key().equals(ONE_MILLION), 2,
                Duration.ofSeconds(20));

        assertThat(EventJson.read(records.get(0).value(), ProgrammeState.class).endDate())
                .isEqualTo(LocalDate.of(2023, 9, 1));
        ProgrammeState state = EventJson.read(records.get(records.size() - 1).value(), ProgrammeState.class);
        assertThat(state.startDate()).isEqualTo(LocalDate.of(2021, 9, 1));
        assertThat(state.endDate()).isNull();
        assertThat(state.nationalTarget()).isEqualTo(1_000_000L);
        assertThat(state.phases()).containsExactly(new ProgrammeState.Phase("phase-1", "Giai đoạn 1", null, null,
                List.of(new ProgrammeState.Target(UUID.fromString(GroupingResourceTest.unitId("40")), 3000))));
    }

    @Test
    void createdProgrammeCountsItsDaysFromDayOne() {
        String code = createProgramme("2022-01-01", "2022-12-31");

        given().queryParam("asOf", "2022-01-01").get("/api/v1/programmes/" + code).then()
                .statusCode(200)
                .body("asOf", equalTo("2022-01-01"))
                .body("dayNumber", equalTo(1))
                .body("daysElapsed", equalTo(1))
                .body("daysRemaining", equalTo(364));
        given().queryParam("asOf", "2021-12-31").get("/api/v1/programmes/" + code).then()
                .statusCode(200)
                .body("dayNumber", nullValue())
                .body("daysElapsed", equalTo(0))
                .body("daysRemaining", equalTo(365));
        given().queryParam("asOf", "2022-12-31").get("/api/v1/programmes").then()
                .statusCode(200)
                .body("find { it.code == '" + code + "' }.dayNumber", equalTo(365));
    }

    @Test
    void targetsOfAPhaseAreReplacedAsAWhole() {
        String code = createProgramme("2022-01-01", "2022-12-31");
        addPhase(code, "phase-1", "2022-01-01", "2022-06-30").then().statusCode(201);
        String thanhHoa = GroupingResourceTest.unitId("38");
        String ngheAn = GroupingResourceTest.unitId("40");
        String haTinh = GroupingResourceTest.unitId("42");

        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":5000},{\"unitId\":\"%s\",\"target\":3000}]"
                .formatted(ngheAn, thanhHoa)).then()
                .statusCode(200)
                .body("code", contains("38", "40"))
                .body("target", contains(3000, 5000));
        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":1500},{\"unitId\":\"%s\",\"target\":0}]"
                .formatted(haTinh, ngheAn)).then().statusCode(200);

        given().get("/api/v1/programmes/" + code + "/phases/phase-1/targets").then()
                .statusCode(200)
                .body("unitId", contains(ngheAn, haTinh))
                .body("name", contains("Liên đoàn Lao động tỉnh Nghệ An", "Liên đoàn Lao động tỉnh Hà Tĩnh"))
                .body("target", contains(0, 1500));

        setTargets(code, "phase-1", "[]").then().statusCode(200).body("$", empty());
    }

    @Test
    void phasesKeepUnknownDatesEmpty() {
        String code = createProgramme("2022-01-01", "2022-12-31");

        addPhase(code, "phase-1", null, null).then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/programmes/" + code + "/phases/phase-1"))
                .body("startDate", nullValue());
        addPhase(code, "phase-2", "2022-07-01", null).then().statusCode(201);

        given().get("/api/v1/programmes/" + code + "/phases/phase-2").then()
                .statusCode(200)
                .body("startDate", equalTo("2022-07-01"))
                .body("endDate", nullValue());
        given().get("/api/v1/programmes/" + code).then()
                .statusCode(200)
                .body("phases.code", contains("phase-1", "phase-2"))
                .body("phases[0].endDate", nullValue());
        given().get("/api/v1/programmes/" + code + "/phases/phase-1/targets").then()
                .statusCode(200).body("$", empty());
    }

    @Test
    void everyChangeIsPublishedWithTheWholeProgramme() {
        String code = createProgramme("2022-01-01", "2022-12-31");
        String ngheAn = GroupingResourceTest.unitId("40");
        addPhase(code, "phase-1", null, null).then().statusCode(201);
        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":3000}]".formatted(ngheAn)).then().statusCode(200);

        given().get("/api/v1/programmes/" + code).then().body("version", equalTo(2));
        var records = TopicProbe.awaitRecords(Topics.PROGRAMMES,
                r -> r.key().equals(code) && EventJson.read(r.value(), ProgrammeState.class).version() == 2,
                Duration.ofSeconds(20));
        ProgrammeState state = EventJson.read(records.get(0).value(), ProgrammeState.class);
        assertThat(state.startDate()).isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(state.endDate()).isEqualTo(LocalDate.of(2022, 12, 31));
        assertThat(state.nationalTarget()).isEqualTo(50_000L);
        assertThat(state.phases()).containsExactly(new ProgrammeState.Phase("phase-1", "Giai đoạn 1", null, null,
                List.of(new ProgrammeState.Target(UUID.fromString(ngheAn), 3000))));
    }

    @Test
    void invalidTargetsAreProblemsNamingTheEntry() {
        String code = createProgramme("2022-01-01", "2022-12-31");
        addPhase(code, "phase-1", null, null).then().statusCode(201);
        String ngheAn = GroupingResourceTest.unitId("40");

        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":-1}]".formatted(ngheAn)).then()
                .spec(problem(400, "[0].target"));
        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":1},{\"unitId\":\"%s\",\"target\":2}]"
                .formatted(ngheAn, UUID.randomUUID())).then().spec(problem(422, "[1].unitId"));
        setTargets(code, "phase-1", "[{\"unitId\":\"%s\",\"target\":1},{\"unitId\":\"%s\",\"target\":2}]"
                .formatted(ngheAn, ngheAn)).then().spec(problem(422, "[1].unitId"));
        setTargets(code, "phase-9", "[]").then().spec(problem(404));

        given().get("/api/v1/programmes/" + code + "/phases/phase-1/targets").then().body("$", empty());
        given().get("/api/v1/programmes/" + code).then().body("version", equalTo(1));
    }

    @Test
    void invalidProgrammesAndPhasesAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(programmeJson(uniqueCode(), "2022-12-31", "2022-01-01"))
                .post("/api/v1/programmes").then().spec(problem(422, "endDate"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + uniqueCode() + "\",\"name\":\"Chương trình\",\"endDate\":\"2022-12-31\"}")
                .post("/api/v1/programmes").then().spec(problem(400, "startDate"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + uniqueCode() + "\",\"name\":\"Chương trình\",\"startDate\":\"2022-01-01\","
                        + "\"endDate\":\"2022-12-31\",\"nationalTarget\":-5}")
                .post("/api/v1/programmes").then().spec(problem(400, "nationalTarget"));
        given().contentType(ContentType.JSON)
                .body(programmeJson(uniqueCode(), "2022-01-01", "+300000-12-31"))
                .post("/api/v1/programmes").then().spec(problem(400, "endDate"));

        String code = createProgramme("2022-01-01", "2022-12-31");
        given().contentType(ContentType.JSON).body(programmeJson(code, "2022-01-01", "2022-12-31"))
                .post("/api/v1/programmes").then().spec(problem(409, "code"));

        addPhase(code, "phase-1", "2021-12-31", null).then().spec(problem(422, "startDate"));
        addPhase(code, "phase-1", "2022-06-01", "2022-05-31").then().spec(problem(422, "endDate"));
        addPhase(code, "phase-1", null, "2023-01-01").then().spec(problem(422, "endDate"));
        addPhase(code, "phase-1", null, null).then().statusCode(201);
        addPhase(code, "phase-1", null, null).then().spec(problem(409, "code"));

        given().queryParam("asOf", "2022-02-30").get("/api/v1/programmes/" + code).then().spec(problem(400, "asOf"));
        given().get("/api/v1/programmes/" + uniqueCode()).then().spec(problem(404));
        addPhase(uniqueCode(), "phase-1", null, null).then().spec(problem(404));
        given().get("/api/v1/programmes/" + code + "/phases/phase-9").then().spec(problem(404));
    }

    @Test
    void listShowsCreatedProgrammes() {
        String code = createProgramme("2022-01-01", "2022-12-31");

        given().get("/api/v1/programmes").then().statusCode(200).body("code", hasItem(code));
    }

    private static String createProgramme(String startDate, String endDate) {
        String code = uniqueCode();
        given().contentType(ContentType.JSON).body(programmeJson(code, startDate, endDate))
                .post("/api/v1/programmes").then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/programmes/" + code));
        return code;
    }

    private static String programmeJson(String code, String startDate, String endDate) {
        return """
                {"code":"%s","name":"Chương trình thử nghiệm","startDate":"%s","endDate":"%s","nationalTarget":50000}
                """.formatted(code, startDate, endDate);
    }

    private static io.restassured.response.Response addPhase(String programme, String phase, String startDate,
            String endDate) {
        return given().contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"name\":\"Giai đoạn 1\",\"startDate\":%s,\"endDate\":%s}"
                        .formatted(phase, json(startDate), json(endDate)))
                .post("/api/v1/programmes/" + programme + "/phases");
    }

    private static io.restassured.response.Response setTargets(String programme, String phase, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/api/v1/programmes/" + programme + "/phases/" + phase + "/targets");
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String uniqueCode() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
