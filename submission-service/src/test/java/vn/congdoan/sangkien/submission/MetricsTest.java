package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** What /q/metrics gives Prometheus: the service's own meters beside those of HTTP, the JVM, the pool and Kafka. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class MetricsTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Test
    void anAcceptedInitiativeIsCountedForItsProvinceAndOutcome() {
        String code = "M" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        UUID unit = grassrootsIn(code);
        String member = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-metrics");

        submit(member, unit, true);
        submit(member, unit, true);
        submit(member, unit, false);

        assertThat(metrics())
                .contains("sangkien_initiatives_accepted_total{outcome=\"submitted\",province=\"" + code + "\"} 2.0")
                .contains("sangkien_initiatives_accepted_total{outcome=\"draft\",province=\"" + code + "\"} 1.0");
    }

    @Test
    void theOutboxConsumersPoolKafkaClientsAndHttpAreMeasured() {
        UUID unit = grassrootsIn("M" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        submit(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-metrics"), unit, true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metrics())
                .contains("sangkien_outbox_waiting_records 0.0")
                .contains("sangkien_outbox_oldest_waiting_seconds 0.0")
                .containsPattern("sangkien_consumer_lag_records\\{group=\"submission-service.org-units\"} \\d")
                .contains("sangkien_consumer_failing_seconds{group=\"submission-service.org-units\"} 0.0")
                .contains("sangkien_health_well_up{check=\"outbox\"} 1.0")
                .contains("sangkien_health_well_up{check=\"kafka-broker\"} 1.0")
                .contains("kafka_producer_record_send_total")
                .contains("kafka_consumer_fetch_manager_records_consumed_total")
                .contains("agroal_active_count")
                .contains("jvm_memory_used_bytes")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*method=\"POST\"[^}]*"
                        + "uri=\"/api/v1/initiatives\"[^}]*le=\"0\\.05\"}"));
    }

    @Test
    void writesRefusedByTheRateLimitAreCounted() {
        String member = Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-flood-" + UUID.randomUUID());
        double before = refusals();
        int refused = 0;
        // the burst, then past it: each refused write is a 429 and one more on the counter
        for (int i = 0; i < 400 && refused < 3; i++) {
            int status = given().header("Authorization", member).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/initiatives").then().extract().statusCode();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(3);
        assertThat(refusals() - before).isGreaterThanOrEqualTo(3.0);
    }

    private static double refusals() {
        Matcher m = Pattern.compile("sangkien_rate_limit_refusals_total\\{kind=\"writes\"} (\\S+)").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static void submit(String token, UUID unit, boolean submit) {
        given().header("Authorization", token).contentType(ContentType.JSON).body("""
                {"programmeCode":"1-trieu-sang-kien","title":"Đo lường cổng nộp","problem":"Không thấy tải",
                 "solution":"Xuất số đo","expectedBenefit":"Thấy sớm","field":"DIGITAL_TRANSFORMATION",
                 "unitId":"%s","authors":[{"memberId":"m-metrics","displayName":"Trần Thị Bình"}],
                 "submit":%s}""".formatted(unit, submit))
                .post("/api/v1/initiatives").then().statusCode(201);
    }

    /** A grassroots union under a new provincial federation of that code, in the replica. */
    private UUID grassrootsIn(String provinceCode) {
        UUID province = publish(OrgUnitType.PROVINCIAL_FEDERATION, provinceCode, null);
        return publish(OrgUnitType.GRASSROOTS, provinceCode + "-CS", province);
    }

    /** A unit in the replica, as org-unit-service would publish it; a province is its own province. */
    private UUID publish(OrgUnitType type, String code, UUID province) {
        UUID id = UUID.randomUUID();
        UUID provinceId = province == null ? id : province;
        OrgUnitState state = new OrgUnitState(id, code, "Đơn vị " + code, type, province, provinceId, 300, null,
                LocalDate.of(2020, 1, 1), null, null, 0);
        TopicProbe.send(Topics.ORG_UNITS, id.toString(), EventJson.write(state));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> replicas.findByIdOptional(id).isPresent()));
        return id;
    }
}
