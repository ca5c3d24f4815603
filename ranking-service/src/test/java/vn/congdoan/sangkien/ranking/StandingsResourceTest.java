package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ranking"))
@QuarkusTestResource(KafkaResource.class)
class StandingsResourceTest {

    @Test
    void eventsFromTheBrokerAreCountedOnceAndWithdrawalLowersTheCount() {
        String programme = "p-" + UUID.randomUUID();
        UUID province = publishProvince("Liên đoàn Lao động tỉnh Hà Tĩnh");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        String submitted = event(first, 0, programme, province, InitiativeStatus.SUBMITTED, "m-1", "m-2");
        TopicProbe.send(Topics.INITIATIVE_EVENTS, first.toString(), submitted);
        TopicProbe.send(Topics.INITIATIVE_EVENTS, first.toString(), submitted); // redelivered
        TopicProbe.send(Topics.INITIATIVE_EVENTS, second.toString(),
                event(second, 0, programme, province, InitiativeStatus.SUBMITTED, "m-2"));
        awaitRow(programme, province, 2, 2);

        TopicProbe.send(Topics.INITIATIVE_EVENTS, first.toString(),
                event(first, 1, programme, province, InitiativeStatus.WITHDRAWN, "m-1", "m-2"));
        awaitRow(programme, province, 1, 1);
    }

    @Test
    void everyProvinceInForceIsListedEvenWithoutSubmissions() {
        UUID province = publishProvince("Liên đoàn Lao động tỉnh Quảng Bình");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .queryParam("programme", "p-" + UUID.randomUUID())
                .get("/api/v1/standings").then()
                .statusCode(200)
                .body("find { it.provinceId == '" + province + "' }.submissions", equalTo(0)));
    }

    private static void awaitRow(String programme, UUID province, int submissions, int submitters) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath body = given().queryParam("programme", programme).get("/api/v1/standings")
                    .then().statusCode(200).extract().jsonPath();
            String row = "find { it.provinceId == '" + province + "' }";
            assertThat(body.getInt(row + ".submissions")).isEqualTo(submissions);
            assertThat(body.getInt(row + ".submitters")).isEqualTo(submitters);
            assertThat(body.getInt(row + ".rank")).isEqualTo(1);
        });
    }

    private static UUID publishProvince(String name) {
        UUID id = UUID.randomUUID();
        OrgUnitState state = new OrgUnitState(id, "T" + id.toString().substring(0, 6), name,
                OrgUnitType.PROVINCIAL_FEDERATION, UUID.randomUUID(), id, 69_000, LocalDate.of(2022, 4, 15), null,
                null, null, 0);
        TopicProbe.send(Topics.ORG_UNITS, id.toString(), EventJson.write(state));
        return id;
    }

    private static String event(UUID initiative, long version, String programme, UUID province,
            InitiativeStatus status, String... authors) {
        Instant now = Instant.now();
        return EventJson.write(new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, now, initiative,
                version, programme, UUID.randomUUID(), province, status, List.of(authors), now));
    }
}
