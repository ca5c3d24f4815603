package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.awaitSubmissions;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.rowOf;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;

import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * The standings of any day, from the events: initiatives from a provincial system's history count on the days they
 * were submitted, recognised and withdrawn, whenever their events arrive. Every day here is in 2022, long past.
 */
@QuarkusTest
@WithRankingResources
class HistoryResourceTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Nine in the morning of {@code day} in Vietnam. */
    private static Instant on(String day) {
        return LocalDate.parse(day).atTime(LocalTime.of(9, 0)).atZone(VIETNAM).toInstant();
    }

    private static InitiativeEvent submittedOn(String programme, UUID province, String day, String author) {
        return Fixtures.event(UUID.randomUUID(), 1, programme, province, InitiativeStatus.SUBMITTED, on(day), author);
    }

    /** The same initiative, recognised or ended on {@code day}, as the council's record or an import says. */
    private static InitiativeEvent decidedOn(InitiativeEvent e, InitiativeStatus status, String day) {
        boolean ended = status == InitiativeStatus.WITHDRAWN || status == InitiativeStatus.DUPLICATE;
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.UPDATED, Instant.now(), e.initiativeId(),
                e.version() + 1, e.programmeCode(), e.unitId(), e.provinceId(), status, e.authorIds(), e.submittedAt(),
                status == InitiativeStatus.RECOGNIZED ? on(day) : null, ended ? on(day) : null);
    }

    @Test
    void backdatedInitiativesCountOnTheirOwnDaysAndGiveTheStandingsOfAnyDay() {
        String programme = Fixtures.newProgramme();
        UUID laoCai = Fixtures.province("Liên đoàn Lao động tỉnh Lào Cai", 30_000);
        UUID yenBai = Fixtures.province("Liên đoàn Lao động tỉnh Yên Bái", 30_000);
        InitiativeEvent a = submittedOn(programme, laoCai, "2022-04-10", "a");
        InitiativeEvent d = submittedOn(programme, yenBai, "2022-04-11", "d");
        send(a, submittedOn(programme, laoCai, "2022-04-10", "b"), submittedOn(programme, yenBai, "2022-04-10", "c"),
                d, submittedOn(programme, yenBai, "2022-04-11", "e"));
        awaitSubmissions(programme, yenBai, 3);

        // a backdated history never lands in today
        JsonPath today = standings(programme);
        assertThat(today.getInt(row(yenBai) + ".today")).isZero();
        assertThat(today.getInt(row(laoCai) + ".today")).isZero();

        JsonPath april10 = standings(programme, "asOf", "2022-04-10");
        assertThat(rowOf(april10, laoCai)).containsEntry("rank", 1).containsEntry("submissions", 2)
                .containsEntry("today", 2);
        assertThat(rowOf(april10, yenBai)).containsEntry("rank", 2).containsEntry("submissions", 1);
        JsonPath april11 = standings(programme, "asOf", "2022-04-11");
        assertThat(rowOf(april11, yenBai)).containsEntry("rank", 1).containsEntry("submissions", 3)
                .containsEntry("today", 2)
                // Monday 11 April starts a new week
                .containsEntry("thisWeek", 2)
                .containsEntry("movementSinceYesterday", 1);
        assertThat(rowOf(april11, laoCai)).containsEntry("movementSinceYesterday", -1);
        given().queryParam("programme", programme).queryParam("asOf", "2022-04-10")
                .get("/api/v1/standings/{province}", yenBai).then()
                .statusCode(200).body("submissions", equalTo(1)).body("rank", equalTo(2));

        given().queryParam("programme", programme).queryParam("from", "2022-04-11").queryParam("to", "2022-04-12")
                .get("/api/v1/standings/{province}/history", yenBai).then()
                .statusCode(200)
                .body("shortName", equalTo("Yên Bái"))
                .body("points.date", equalTo(List.of("2022-04-11", "2022-04-12")))
                .body("points.rank", equalTo(List.of(1, 1)))
                .body("points.submissions", equalTo(List.of(3, 3)))
                .body("points.today", equalTo(List.of(2, 0)))
                .body("longestRunAtRank1.from", equalTo("2022-04-11"))
                .body("currentRunAtRank1.from", equalTo("2022-04-11"));
        given().queryParam("programme", programme).get("/api/v1/standings/{province}/history", laoCai).then()
                .statusCode(200)
                .body("longestRunAtRank1.from", equalTo("2022-04-10"))
                .body("longestRunAtRank1.days", equalTo(1))
                .body("currentRunAtRank1", equalTo(null));
        // a week's point is its Sunday, and the last day asked
        given().queryParam("programme", programme).queryParam("from", "2022-04-04").queryParam("to", "2022-04-20")
                .queryParam("step", "week")
                .get("/api/v1/standings/{province}/history", yenBai).then()
                .statusCode(200)
                .body("points.date", equalTo(List.of("2022-04-10", "2022-04-17", "2022-04-20")))
                .body("points.submissions", equalTo(List.of(1, 3, 3)));
        given().queryParam("from", "2022-04-09").queryParam("to", "2022-04-12")
                .get("/api/v1/programmes/{code}/history", programme).then()
                .statusCode(200)
                .body("points.submissions", equalTo(List.of(0, 3, 5, 5)))
                .body("points.submitters", equalTo(List.of(0, 3, 5, 5)))
                .body("points.today", equalTo(List.of(0, 3, 2, 0)));

        // late data for a past day changes that day and the days after it
        send(submittedOn(programme, yenBai, "2022-04-10", "f"), decidedOn(a, InitiativeStatus.RECOGNIZED, "2022-04-12"),
                decidedOn(d, InitiativeStatus.WITHDRAWN, "2022-04-13"));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath lateApril10 = standings(programme, "asOf", "2022-04-10");
            assertThat(rowOf(lateApril10, yenBai)).containsEntry("submissions", 2).containsEntry("rank", 1);
            assertThat(rowOf(lateApril10, laoCai)).containsEntry("rank", 1);
        });
        // recognised from the day the council decided, no earlier
        assertThat(standings(programme, "asOf", "2022-04-11").getInt(row(laoCai) + ".recognized")).isZero();
        assertThat(standings(programme, "asOf", "2022-04-12").getInt(row(laoCai) + ".recognized")).isEqualTo(1);
        // withdrawn on the 13th: counted until then
        assertThat(standings(programme, "asOf", "2022-04-12").getInt(row(yenBai) + ".submissions")).isEqualTo(4);
        assertThat(rowOf(standings(programme, "asOf", "2022-04-13"), yenBai)).containsEntry("submissions", 3)
                .containsEntry("today", -1);
        given().get("/api/v1/programmes/{code}/summary?asOf=2022-04-12", programme).then().statusCode(200)
                .body("submissions", equalTo(6)).body("submitters", equalTo(6)).body("recognized", equalTo(1));

        // a snapshot keeps the standings of its day as counted, not today's counts
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).queryParam("date", "2022-04-10")
                .post("/api/v1/admin/snapshots").then()
                .statusCode(201)
                .header("Location", endsWith("date=2022-04-10"));
    }

    @Test
    void badPeriodsAreProblemsNamingTheParameter() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Hà Giang", 10_000);
        given().queryParam("programme", programme).queryParam("step", "month")
                .get("/api/v1/standings/{province}/history", province).then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("step"));
        given().queryParam("to", LocalDate.now(VIETNAM).plusDays(2).toString())
                .get("/api/v1/programmes/{code}/history", programme).then()
                .statusCode(400).body("field", equalTo("to"));
        given().queryParam("programme", programme).queryParam("asOf", "2022-04-10").queryParam("date", "2022-04-11")
                .get("/api/v1/standings").then()
                .statusCode(400).body("field", equalTo("asOf"));
        given().queryParam("asOf", "10/04/2022").get("/api/v1/programmes/{code}/summary", programme).then()
                .statusCode(400).body("field", equalTo("asOf"));
    }
}
