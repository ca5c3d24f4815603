package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.kit.kafka.TopicSettings;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** The evaluation council's review, duplicates and the events they publish. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class ReviewWorkflowTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    EntityManager em;

    @Test
    void anAssignedReviewerScoresAndRecognisesAConfidentialInitiative() {
        Union union = union();
        String assigned = Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-council");
        String otherReviewer = Tokens.bearer(Roles.REVIEWER, union.province().toString(), "m-reviewer");
        String id = create(union, "CONFIDENTIAL");

        given().header("Authorization", assigned).get("/api/v1/initiatives/" + id).then()
                .body("problem", nullValue());
        given().header("Authorization", union.admin()).contentType(ContentType.JSON)
                .body("{\"memberIds\":[\"m-council\"]}").put("/api/v1/initiatives/" + id + "/reviewers").then()
                .statusCode(200).body("reviewers", contains("m-council"))
                .body("problem", nullValue()).body("authors", nullValue()).body("attachments", nullValue());
        given().header("Authorization", assigned).get("/api/v1/initiatives/" + id).then()
                .statusCode(200).body("problem", equalTo("Máy dập hay kẹt phôi"))
                .body("attachments[0].sha256", equalTo(SHA));
        given().header("Authorization", otherReviewer).get("/api/v1/initiatives/" + id).then()
                .body("problem", nullValue());

        given().header("Authorization", assigned).contentType(ContentType.JSON).body(review(7, "RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(409).contentType("application/problem+json").body("field", equalTo("status"));
        // A reviewer of the province may open the review, but only the assigned reviewers read what it is about.
        given().header("Authorization", otherReviewer).post("/api/v1/initiatives/" + id + "/review/start").then()
                .statusCode(200).body("status", equalTo("UNDER_REVIEW")).body("problem", nullValue())
                .body("solution", nullValue()).body("authors", nullValue());
        given().header("Authorization", union.author()).contentType(ContentType.JSON).body(review(10, "RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then().statusCode(403);
        given().header("Authorization", assigned).contentType(ContentType.JSON).body(review(7, "RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(200)
                .body("status", equalTo("RECOGNIZED"))
                .body("review.novelty", equalTo(7))
                .body("review.decision", equalTo("RECOGNIZED"))
                .body("review.estimatedBenefitVnd", equalTo(250000000))
                .body("review.reviewedBy", equalTo("m-council"));
        given().get("/api/v1/initiatives/" + id).then()
                .body("status", equalTo("RECOGNIZED")).body("review", nullValue()).body("reviewers", nullValue());

        List<ConsumerRecord<String, String>> records = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id), 3, Duration.ofSeconds(20));
        assertThat(records).extracting(r -> EventJson.read(r.value(), InitiativeEvent.class).type())
                .containsExactly(InitiativeEvent.Type.SUBMITTED, InitiativeEvent.Type.REVIEW_STARTED,
                        InitiativeEvent.Type.REVIEWED);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(union.province().toString());
            assertThat(r.value()).doesNotContain("Máy dập").doesNotContain("Cải tiến khuôn");
        });
        ConsumerRecord<String, String> reviewed = records.get(2);
        InitiativeEvent event = EventJson.read(reviewed.value(), InitiativeEvent.class);
        assertThat(reviewed.value()).contains("\"type\":\"InitiativeReviewed\"");
        assertThat(event.status().countsAsRecognized()).isTrue();
        assertThat(event.recognizedAt()).isEqualTo(event.occurredAt());
        assertThat(event.endedAt()).isNull();
        Map<String, String> headers = StreamSupport.stream(reviewed.headers().spliterator(), false)
                .collect(Collectors.toMap(h -> h.key(), h -> new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("ce_id", event.eventId().toString())
                .containsEntry("ce_type", "InitiativeReviewed")
                .containsEntry("ce_source", "urn:sangkien:submission-service")
                .containsEntry("ce_specversion", "1.0");
        assertThat(Instant.parse(headers.get("ce_time"))).isEqualTo(event.occurredAt());
    }

    @Test
    void aReplayedAnswerShowsNoMoreThanTheCallerMaySeeNow() {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province);
        String admin = Tokens.bearer(Roles.UNIT_ADMIN, province.toString(), "m-admin");
        String council = Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-council-2");
        String id = create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "CONFIDENTIAL");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"memberIds\":[\"m-council-2\"]}").put("/api/v1/initiatives/" + id + "/reviewers").then()
                .statusCode(200);
        String key = "start-" + UUID.randomUUID();
        given().header("Authorization", council).header("Idempotency-Key", key)
                .post("/api/v1/initiatives/" + id + "/review/start").then()
                .statusCode(200).body("problem", equalTo("Máy dập hay kẹt phôi"));

        // taken off the council, the former reviewer's retry gets the first answer without the content
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"memberIds\":[]}")
                .put("/api/v1/initiatives/" + id + "/reviewers").then().statusCode(200);
        given().header("Authorization", council).header("Idempotency-Key", key)
                .post("/api/v1/initiatives/" + id + "/review/start").then()
                .statusCode(200).body("status", equalTo("UNDER_REVIEW")).body("problem", nullValue())
                .body("authors", nullValue());
    }

    @Test
    void reviewsOutsideTheRulesAreProblemsNamingTheField() {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province);
        String reviewer = Tokens.bearer(Roles.REVIEWER, province.toString(), "m-reviewer");
        String id = create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "PUBLIC");
        given().header("Authorization", reviewer).post("/api/v1/initiatives/" + id + "/review/start").then()
                .statusCode(200);

        given().header("Authorization", reviewer).contentType(ContentType.JSON).body(review(11, "RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("novelty"));
        given().header("Authorization", reviewer).contentType(ContentType.JSON).body(review(5, "MAYBE"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("decision"));
        given().header("Authorization", reviewer).contentType(ContentType.JSON)
                .body(review(5, "NOT_RECOGNIZED").replace("250000000", "-1"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(400).body("field", equalTo("estimatedBenefitVnd"));
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, province.toString(), "m-admin"))
                .contentType(ContentType.JSON).body("{\"memberIds\":[\"m-author\"]}")
                .put("/api/v1/initiatives/" + id + "/reviewers").then()
                .statusCode(422).body("field", equalTo("memberIds"));
        given().header("Authorization", reviewer).get("/api/v1/initiatives/" + id).then()
                .body("status", equalTo("UNDER_REVIEW")).body("review", nullValue()).body("version", equalTo(1));

        given().header("Authorization", reviewer).contentType(ContentType.JSON).body(review(5, "NOT_RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(200).body("status", equalTo("NOT_RECOGNIZED"));
        given().header("Authorization", reviewer).contentType(ContentType.JSON).body(review(9, "RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then()
                .statusCode(409).body("field", equalTo("status"));
    }

    @Test
    void aUnitAdminMarksADuplicateWhichStopsCountingAndPointsAtTheOriginal() {
        Union union = union();
        String original = create(union, "PUBLIC");
        String copy = create(union, "PUBLIC");
        String third = create(union, "PUBLIC");

        given().header("Authorization", union.author()).contentType(ContentType.JSON).body(duplicateOf(original))
                .post("/api/v1/initiatives/" + copy + "/duplicate").then().statusCode(403);
        given().header("Authorization", union.admin()).contentType(ContentType.JSON).body(duplicateOf(copy))
                .post("/api/v1/initiatives/" + copy + "/duplicate").then()
                .statusCode(422).body("field", equalTo("originalId"));
        given().header("Authorization", union.admin()).contentType(ContentType.JSON)
                .body(duplicateOf(UUID.randomUUID().toString()))
                .post("/api/v1/initiatives/" + copy + "/duplicate").then()
                .statusCode(422).body("field", equalTo("originalId"));
        given().header("Authorization", union.admin()).contentType(ContentType.JSON)
                .body("{\"originalId\":\"not-a-uuid\"}")
                .post("/api/v1/initiatives/" + copy + "/duplicate").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("originalId"));

        given().header("Authorization", union.admin()).contentType(ContentType.JSON).body(duplicateOf(original))
                .post("/api/v1/initiatives/" + copy + "/duplicate").then()
                .statusCode(200).body("status", equalTo("DUPLICATE")).body("duplicateOf", equalTo(original));
        given().header("Authorization", union.admin()).contentType(ContentType.JSON).body(duplicateOf(copy))
                .post("/api/v1/initiatives/" + third + "/duplicate").then()
                .statusCode(422).body("field", equalTo("originalId"));
        given().header("Authorization", union.author()).post("/api/v1/initiatives/" + copy + "/withdraw").then()
                .statusCode(409).body("field", equalTo("status"));

        ConsumerRecord<String, String> marked = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(copy) && r.value().contains("InitiativeMarkedDuplicate"), 1,
                Duration.ofSeconds(20)).get(0);
        InitiativeEvent event = EventJson.read(marked.value(), InitiativeEvent.class);
        assertThat(event.status()).isEqualTo(InitiativeStatus.DUPLICATE);
        assertThat(event.status().countsAsSubmission()).isFalse();
        assertThat(event.endedAt()).isEqualTo(event.occurredAt());
        assertThat(event.recognizedAt()).isNull();
    }

    @Test
    void twoInitiativesMarkedAsCopiesOfEachOtherAtOnceLeaveOneCounting() throws Exception {
        Union union = union();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < 8; pair++) {
                String a = create(union, "PUBLIC");
                String b = create(union, "PUBLIC");
                Future<Integer> aOfB = pool.submit(() -> given().header("Authorization", union.admin())
                        .contentType(ContentType.JSON).body(duplicateOf(b))
                        .post("/api/v1/initiatives/" + a + "/duplicate").statusCode());
                Future<Integer> bOfA = pool.submit(() -> given().header("Authorization", union.admin())
                        .contentType(ContentType.JSON).body(duplicateOf(a))
                        .post("/api/v1/initiatives/" + b + "/duplicate").statusCode());

                assertThat(List.of(aOfB.get(), bOfA.get())).as("pair " + pair).containsExactlyInAnyOrder(200, 422);
                List<String> statuses = List.of(a, b).stream().map(id -> given().header("Authorization", union.admin())
                        .get("/api/v1/initiatives/" + id).then().extract().<String>path("status")).toList();
                assertThat(statuses).containsExactlyInAnyOrder("SUBMITTED", "DUPLICATE");
            }
        } finally {
            pool.shutdownNow();
        }

        String withdrawn = create(union, "PUBLIC");
        String copy = create(union, "PUBLIC");
        given().header("Authorization", union.author()).post("/api/v1/initiatives/" + withdrawn + "/withdraw").then()
                .statusCode(200);
        given().header("Authorization", union.admin()).contentType(ContentType.JSON).body(duplicateOf(withdrawn))
                .post("/api/v1/initiatives/" + copy + "/duplicate").then()
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("originalId"));
        given().header("Authorization", union.admin()).get("/api/v1/initiatives/" + copy).then()
                .body("status", equalTo("SUBMITTED"));
    }

    @Test
    void attachmentsAreMetadataOnlyAndChecked() {
        UUID unit = publishGrassroots(UUID.randomUUID());
        String member = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author");
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(initiative(unit, "PUBLIC").replace(SHA, "xyz"))
                .post("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("attachments[0].sha256"));
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(initiative(unit, "PUBLIC").replace("application/pdf", "pdf"))
                .post("/api/v1/initiatives").then()
                .statusCode(400).body("field", equalTo("attachments[0].mediaType"));
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(initiative(unit, "PUBLIC").replace("\"size\":184320", "\"size\":-5"))
                .post("/api/v1/initiatives").then()
                .statusCode(400).body("field", equalTo("attachments[0].size"));
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(initiative(unit, "PUBLIC").replace(SHA, SHA.toUpperCase()))
                .post("/api/v1/initiatives").then()
                .statusCode(201)
                .body("attachments[0].name", equalTo("Bản vẽ khuôn dập.pdf"))
                .body("attachments[0].size", equalTo(184320))
                .body("attachments[0].sha256", equalTo(SHA));
    }

    @Test
    void publishedEventsAreMarkedAndDeletedAfterTheRetentionPeriod() {
        UUID unit = publishGrassroots(UUID.randomUUID());
        String id = create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "PUBLIC");
        String like = "%" + id + "%";
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(like, true) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(like, false) == 0);
    }

    @Test
    void publishedEventsAreDeletedAfterTheRetentionPeriodWhileEventsNeverStopComing() throws Exception {
        UUID unit = publishGrassroots(UUID.randomUUID());
        String like = "%" + create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "PUBLIC") + "%";
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(like, true) == 1);
        long published = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from outbox_event where payload like ?1").setParameter(1, like).getSingleResult())
                .longValue());
        // a new event every few milliseconds (copies of that one): no round of the relay finds the outbox empty
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> copies = writer.submit(() -> copyWhile(writing, published));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    em.createNativeQuery("select id from outbox_event where id = ?1").setParameter(1, published)
                            .getResultList().isEmpty()));
        } finally {
            writing.set(false);
            assertThat(copies.get(20, TimeUnit.SECONDS)).isPositive();
            writer.shutdown();
        }
    }

    private int copyWhile(AtomicBoolean writing, long outboxId) throws InterruptedException {
        int copies = 0;
        while (writing.get()) {
            copies += QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    insert into outbox_event (topic, record_key, payload, event_id, event_type, occurred_at)
                    select topic, record_key, payload, gen_random_uuid(), event_type, now() from outbox_event
                    where id = ?1""").setParameter(1, outboxId).executeUpdate());
            Thread.sleep(5);
        }
        return copies;
    }

    /** Rows of the outbox whose payload is like {@code like}: all of them, or those marked published only. */
    private int outboxRows(String like, boolean publishedOnly) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where payload like ?1"
                        + (publishedOnly ? " and published_at is not null" : ""))
                .setParameter(1, like).getSingleResult()).intValue());
    }

    @Test
    void readinessAsksOnlyForTheDatabaseWhileMonitoringHearsOfTheBrokerAndTheOutbox() {
        // without the broker the service still takes submissions, so an orchestrator must keep sending them
        // and whether it is stopping: readiness goes DOWN while it empties its connections (Draining)
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", containsInAnyOrder("Database connections health check", "Graceful Shutdown"));
        UUID unit = publishGrassroots(UUID.randomUUID());
        create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "PUBLIC");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then()
                .statusCode(200)
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka-broker' }.data.brokers", equalTo(1))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.waiting", equalTo(0)));
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    TopicSettings topicSettings;

    @Test
    void theEventTopicKeepsEveryEventForRebuildsEvenWhenItExistedBefore() throws Exception {
        UUID unit = publishGrassroots(UUID.randomUUID());
        create(Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"), unit, "PUBLIC");
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INITIATIVE_EVENTS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaConfig.get("bootstrap.servers")))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> retentionMs(admin, topic).equals("-1"));

            // made by hand, or by an earlier version, with the broker's default of seven days
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000"), AlterConfigOp.OpType.SET))))
                    .all().get(10, TimeUnit.SECONDS);
            assertThat(retentionMs(admin, topic)).isEqualTo("604800000");
            new TopicAdmin(kafkaConfig, topicSettings).ensure(Topics.INITIATIVE_EVENTS);
            assertThat(retentionMs(admin, topic)).isEqualTo("-1");
        }
    }

    private static String retentionMs(Admin admin, ConfigResource topic) throws Exception {
        return admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic)
                .get(TopicConfig.RETENTION_MS_CONFIG).value();
    }

    /** A grassroots union of a province of its own, its member m-author and the province's administrator m-admin. */
    private record Union(UUID province, UUID unit, String author, String admin) {
    }

    private Union union() {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province);
        return new Union(province, unit, Tokens.bearer(Roles.MEMBER, unit.toString(), "m-author"),
                Tokens.bearer(Roles.UNIT_ADMIN, province.toString(), "m-admin"));
    }

    /** An initiative of the union's member, submitted. */
    private static String create(Union union, String visibility) {
        return create(union.author(), union.unit(), visibility);
    }

    private static String create(String token, UUID unit, String visibility) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(initiative(unit, visibility))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
    }

    private static String review(int novelty, String decision) {
        return """
                {"novelty":%d,"feasibility":8,"effectiveness":6,"decision":"%s","estimatedBenefitVnd":250000000,
                 "comment":"Tiết kiệm 250 triệu đồng mỗi năm"}""".formatted(novelty, decision);
    }

    private static String duplicateOf(String original) {
        return "{\"originalId\":\"" + original + "\"}";
    }

    private static String initiative(UUID unit, String visibility) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Cải tiến khuôn dập","problem":"Máy dập hay kẹt phôi",
                 "solution":"Thêm cữ chặn","expectedBenefit":"Giảm phế phẩm","field":"PRODUCTION_TECHNICAL",
                 "unitId":"%s","visibility":"%s","authors":[{"memberId":"m-author","displayName":"Lê Văn Cường"}],
                 "attachments":[{"name":"Bản vẽ khuôn dập.pdf","size":184320,"mediaType":"application/pdf",
                                 "sha256":"%s"}],
                 "submit":true}""".formatted(unit, visibility, SHA);
    }

    private UUID publishGrassroots(UUID province) {
        UUID id = UUID.randomUUID();
        OrgUnitState state = new OrgUnitState(id, "RV-" + id.toString().substring(0, 8), "Công đoàn cơ sở Nhà máy cơ khí",
                OrgUnitType.GRASSROOTS, province, province, 300, null, LocalDate.of(2020, 1, 1), null, null, 0);
        Replica.publish(replicas, state);
        return id;
    }
}
