package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ranking"))
@WithTestResource(KafkaResource.class)
class HistoryResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void snapshotsGiveMovementHistoryRunsAtRankOneAndPastStandings() {
        String programme = Fixtures.newProgramme();
        UUID laoCai = Fixtures.province("Liên đoàn Lao động tỉnh Lào Cai", 30_000);
        UUID yenBai = Fixtures.province("Liên đoàn Lao động tỉnh Yên Bái", 30_000);
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);

        send(submitted(programme, laoCai, "a"), submitted(programme, laoCai, "b"), submitted(programme, yenBai, "c"));
        awaitSubmissions(programme, laoCai, 2);
        snapshot(programme, "2022-04-10");

        send(submitted(programme, yenBai, "d"), submitted(programme, yenBai, "e"));
        awaitSubmissions(programme, yenBai, 3);
        snapshot(programme, "2022-04-11");
        snapshot(programme, "2022-04-12");

        JsonPath past = standings(programme, "date", "2022-04-10");
        assertThat(past.getInt(row(laoCai) + ".rank")).isEqualTo(1);
        assertThat(past.getInt(row(laoCai) + ".submissions")).isEqualTo(2);
        assertThat(past.getString(row(laoCai) + ".movementSinceYesterday")).isNull();
        JsonPath nextDay = standings(programme, "date", "2022-04-11");
        assertThat(nextDay.getInt(row(yenBai) + ".rank")).isEqualTo(1);
        assertThat(nextDay.getInt(row(yenBai) + ".movementSinceYesterday")).isEqualTo(1);
        assertThat(nextDay.getInt(row(laoCai) + ".movementSinceYesterday")).isEqualTo(-1);

        given().queryParam("programme", programme).queryParam("from", "2022-04-11").queryParam("to", "2022-04-12")
                .get("/api/v1/standings/{province}/history", yenBai).then()
                .statusCode(200)
                .body("shortName", equalTo("Yên Bái"))
                .body("points.date", equalTo(List.of("2022-04-11", "2022-04-12")))
                .body("points.rank", equalTo(List.of(1, 1)))
                .body("points.submissions", equalTo(List.of(3, 3)))
                .body("longestRunAtRank1.from", equalTo("2022-04-11"))
                .body("longestRunAtRank1.days", equalTo(2))
                .body("currentRunAtRank1.days", equalTo(2));

        // yesterday Lào Cai led again: a new current run for it, and movement in today's standings
        send(submitted(programme, laoCai, "f"), submitted(programme, laoCai, "g"));
        awaitSubmissions(programme, laoCai, 4);
        snapshot(programme, yesterday.toString());
        send(submitted(programme, yenBai, "h"), submitted(programme, yenBai, "i"));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath today = standings(programme);
            assertThat(today.getInt(row(yenBai) + ".rank")).isEqualTo(1);
            assertThat(today.getInt(row(yenBai) + ".movementSinceYesterday")).isEqualTo(1);
            assertThat(today.getInt(row(laoCai) + ".movementSinceYesterday")).isEqualTo(-1);
        });
        given().queryParam("programme", programme).get("/api/v1/standings/{province}/history", laoCai).then()
                .statusCode(200)
                .body("points.rank", equalTo(List.of(1, 2, 2, 1)))
                .body("longestRunAtRank1.days", equalTo(1))
                .body("currentRunAtRank1.from", equalTo(yesterday.toString()));
        given().queryParam("programme", programme).get("/api/v1/standings/{province}/history", yenBai).then()
                .statusCode(200)
                .body("currentRunAtRank1", equalTo(null));
    }

    private static void snapshot(String programme, String date) {
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).queryParam("date", date)
                .post("/api/v1/admin/snapshots").then()
                .statusCode(201)
                .header("Location", endsWith("date=" + date))
                .body("date", equalTo(date));
    }

    private static void awaitSubmissions(String programme, UUID province, int submissions) {
        await().atMost(WAIT).ignoreException(NullPointerException.class).until(() -> standings(programme).getInt(row(province) + ".submissions") == submissions);
    }
}
