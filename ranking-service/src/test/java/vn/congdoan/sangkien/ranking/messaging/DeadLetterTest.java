package vn.congdoan.sangkien.ranking.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.row;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.ranking.Fixtures;
import vn.congdoan.sangkien.ranking.WithRankingResources;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * An event the standings cannot apply (here: a submission time the database cannot store) is parked with its reason
 * and the standings go on with the events after it; applied again after a newer version of its initiative was
 * counted, it changes nothing: the version rule.
 */
@QuarkusTest
@WithRankingResources
class DeadLetterTest {

    private static final String ADMIN = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-operator");

    @Test
    void aPoisonEventIsParkedTheStandingsGoOnAndARetryIsSafe() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Điện Biên", 1_000);
        InitiativeEvent poison = Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED,
                Instant.parse("+300000-01-01T00:00:00Z"), "m-poison");
        Fixtures.send(poison, Fixtures.submitted(programme, province, "m-good"));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                Fixtures.standings(programme).getInt(row(province) + ".submissions")).isEqualTo(1));
        List<Map<String, Object>> parked = given().header("Authorization", ADMIN).get("/api/v1/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.payload.contains('"
                        + poison.initiativeId() + "') }");
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.get("consumerGroup")).isEqualTo(StandingsConsumer.GROUP_ID);
            assertThat((String) letter.get("error")).isNotBlank();
        });
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'consumers' }.status", equalTo("DOWN"));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^sangkien_consumer_dead_letters_records(\\{[^}]*\\})? [1-9][0-9]*\\.0$");

        // a later version of the parked initiative is counted; the parked older one, applied again, changes nothing
        Fixtures.send(Fixtures.event(poison.initiativeId(), 1, programme, province, InitiativeStatus.SUBMITTED,
                Instant.now(), "m-poison"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                Fixtures.standings(programme).getInt(row(province) + ".submissions")).isEqualTo(2));
        Object id = parked.get(0).get("id");
        given().header("Authorization", ADMIN).post("/api/v1/admin/dead-letters/" + id + "/retry").then()
                .statusCode(200);
        assertThat(Fixtures.standings(programme).getInt(row(province) + ".submissions")).isEqualTo(2);
        assertThat(Fixtures.standings(programme).getInt(row(province) + ".submitters")).isEqualTo(2);
        given().header("Authorization", ADMIN).get("/api/v1/admin/dead-letters").then().body("id",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }
}
