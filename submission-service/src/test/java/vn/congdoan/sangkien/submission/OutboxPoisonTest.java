package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * Events the broker refuses for what they are (a topic no service knows, a record larger than the broker takes) are
 * parked after a few attempts, and the events behind them still go out; an operator sees them, retries or discards
 * them.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class OutboxPoisonTest {

    private static final String ADMIN = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-operator");

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    EntityManager em;

    @Test
    void poisonEventsAreParkedAndTheEventsBehindThemStillGoOut() {
        Replica.Province p = Replica.province(replicas);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into outbox_event (topic, record_key, payload) values "
                    + "('no-such-topic.v1', 'k', '{}'), (?1, 'k', ?2)")
                    .setParameter(1, Topics.INITIATIVE_EVENTS)
                    .setParameter(2, "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").executeUpdate();
        });
        String member = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-behind");
        String id = given().header("Authorization", member).contentType(ContentType.JSON)
                .body(Replica.initiative(p.unit(), "m-behind")).post("/api/v1/initiatives").then().statusCode(201)
                .extract().path("id");

        assertThat(TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS, r -> r.value().contains(id),
                Duration.ofSeconds(40))).isNotEmpty();
        List<Integer> parked = given().header("Authorization", ADMIN).get("/api/v1/admin/outbox/blocked").then()
                .statusCode(200).extract().path("id");
        assertThat(parked).hasSize(2);
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'outbox' }.data.blocked", equalTo(2));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^sangkien_outbox_blocked_records(\\{[^}]*\\})? 2\\.0$");

        // the cause is not fixed: sent again, the unknown topic is parked again after its attempts
        given().header("Authorization", ADMIN).post("/api/v1/admin/outbox/blocked/" + parked.get(0) + "/retry")
                .then().statusCode(200).body("topic", equalTo("no-such-topic.v1"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/admin/outbox/blocked").then().body("id", org.hamcrest.Matchers.hasItem(parked.get(0))));
        for (Integer event : parked) {
            given().header("Authorization", ADMIN).delete("/api/v1/admin/outbox/blocked/" + event).then()
                    .statusCode(200);
        }
        given().header("Authorization", ADMIN).get("/api/v1/admin/outbox/blocked").then().body("id",
                org.hamcrest.Matchers.empty());
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, p.id().toString(), "m-not-national"))
                .get("/api/v1/admin/outbox/blocked").then().statusCode(403);
    }
}
