package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.service.GroupCommit;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class InitiativeResourceTest extends SignedInAsNationalAdmin {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    GroupCommit.Config groupCommit;

    @TestHTTPResource("/api/v1/initiatives")
    URI initiatives;

    @Test
    void submittedInitiativeIsStoredAndPublished() {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province, null);

        String id = given().contentType(ContentType.JSON).body(initiative(unit, true))
                .post("/api/v1/initiatives").then()
                .statusCode(201)
                .body("status", equalTo("SUBMITTED"))
                .body("provinceId", equalTo(province.toString()))
                .extract().path("id");

        given().get("/api/v1/initiatives/" + id).then()
                .statusCode(200)
                .body("title", equalTo("Cải tiến quy trình tiếp nhận bệnh nhân"))
                .body("authors[1].displayName", equalTo("Trần Thị Bình"));

        var records = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS, r -> r.value().contains(id),
                Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).as("keyed by provincial federation").isEqualTo(province.toString());
        InitiativeEvent event = EventJson.read(records.get(0).value(), InitiativeEvent.class);
        assertThat(event.type()).isEqualTo(InitiativeEvent.Type.SUBMITTED);
        assertThat(event.status()).isEqualTo(InitiativeStatus.SUBMITTED);
        assertThat(event.provinceId()).isEqualTo(province);
        assertThat(event.authorIds()).containsExactly("m-001", "m-002");
    }

    @Test
    void clientsThatUpgradeToHttp2AreServedLikeAnyOther() throws Exception {
        // The JDK's HttpClient asks to upgrade a plain connection to HTTP/2 (h2c) with its first request.
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(initiatives)
                .header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(initiative(unit, true))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(storedFor(unit)).isEqualTo(1);
    }

    @Test
    void withdrawalIsPublishedAndCannotBeRepeated() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String id = given().contentType(ContentType.JSON).body(initiative(unit, true))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");

        given().post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(403).contentType("application/problem+json");
        String author = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-002");
        String endedAt = given().header("Authorization", author).post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(200).body("status", equalTo("WITHDRAWN")).extract().path("endedAt");
        given().header("Authorization", author).post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("status"));

        var records = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id) && r.value().contains("\"WITHDRAWN\""), Duration.ofSeconds(20));
        InitiativeEvent withdrawn = EventJson.read(records.get(0).value(), InitiativeEvent.class);
        assertThat(withdrawn.status().countsAsSubmission()).isFalse();
        assertThat(withdrawn.version()).isEqualTo(1);
        assertThat(withdrawn.endedAt()).isEqualTo(Instant.parse(endedAt)).isEqualTo(withdrawn.occurredAt());
        assertThat(withdrawn.recognizedAt()).isNull();
    }

    @Test
    void unitsThatAreUnknownOrNoLongerInForceAreRefused() {
        given().contentType(ContentType.JSON).body(initiative(UUID.randomUUID(), true))
                .post("/api/v1/initiatives").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("unitId"));

        UUID merged = publishGrassroots(UUID.randomUUID(), LocalDate.of(2025, 7, 1));
        given().contentType(ContentType.JSON).body(initiative(merged, true))
                .post("/api/v1/initiatives").then()
                .statusCode(422)
                .body("field", equalTo("unitId"));
    }

    @Test
    void contentIsShownOnlyToThoseItsVisibilityAllows() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        UUID otherUnit = publishGrassroots(UUID.randomUUID(), null);
        String confidential = given().contentType(ContentType.JSON)
                .body(initiative(unit, true).replace("\"PUBLIC\"", "\"CONFIDENTIAL\""))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
        String internal = given().contentType(ContentType.JSON)
                .body(initiative(unit, true).replace("\"PUBLIC\"", "\"INTERNAL\""))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
        Tokens.signOut();

        given().get("/api/v1/initiatives/" + confidential).then().statusCode(200)
                .body("title", equalTo("Cải tiến quy trình tiếp nhận bệnh nhân"))
                .body("status", equalTo("SUBMITTED"))
                .body("problem", nullValue()).body("authors", nullValue());
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .get("/api/v1/initiatives/" + confidential).then().body("problem", nullValue());
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-001"))
                .get("/api/v1/initiatives/" + confidential).then().body("problem", equalTo("Bệnh nhân chờ lâu"));

        given().get("/api/v1/initiatives/" + internal).then().body("problem", nullValue());
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, otherUnit.toString(), "m-900"))
                .get("/api/v1/initiatives/" + internal).then().body("problem", nullValue());
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-901"))
                .get("/api/v1/initiatives/" + internal).then().body("problem", equalTo("Bệnh nhân chờ lâu"));
    }

    @Test
    void membersSubmitAsAnAuthorThroughTheirOwnUnit() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        UUID otherUnit = publishGrassroots(UUID.randomUUID(), null);
        Tokens.signOut();

        given().contentType(ContentType.JSON).body(initiative(unit, true)).post("/api/v1/initiatives").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-777"))
                .contentType(ContentType.JSON).body(initiative(unit, true)).post("/api/v1/initiatives").then()
                .statusCode(422).body("field", equalTo("authors"));
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, otherUnit.toString(), "m-001"))
                .contentType(ContentType.JSON).body(initiative(unit, true)).post("/api/v1/initiatives").then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-001"))
                .contentType(ContentType.JSON).body(initiative(unit, true)).post("/api/v1/initiatives").then()
                .statusCode(201);
    }

    @Test
    void aRetriedWithdrawalWithItsIdempotencyKeyGetsTheFirstAnswerAndPublishesOnce() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String id = given().contentType(ContentType.JSON).body(initiative(unit, true))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
        String author = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-002");
        String key = "withdraw-" + UUID.randomUUID();

        String first = given().header("Authorization", author).header("Idempotency-Key", key)
                .post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(200).body("status", equalTo("WITHDRAWN")).extract().asString();
        // the phone lost the answer and sends the same request again
        String retried = given().header("Authorization", author).header("Idempotency-Key", key)
                .post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertThat(JsonPath.from(retried).getMap("")).isEqualTo(JsonPath.from(first).getMap(""));
        given().header("Authorization", author).header("Idempotency-Key", key)
                .post("/api/v1/initiatives/" + id + "/submit").then()
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        // without a key, a second withdrawal is the illegal transition it is
        given().header("Authorization", author).post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(409).body("field", equalTo("status"));

        var withdrawals = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id) && r.value().contains("\"WITHDRAWN\""), Duration.ofSeconds(20));
        assertThat(withdrawals).hasSize(1);
    }

    @Test
    void onlyTheProvinceNamesTheProvincialSystemsIdOfAnInitiative() {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province, null);
        Tokens.signOut();
        String withRef = initiative(unit, true).replace("\"submit\"", "\"externalRef\":\"HT-2022-0042\",\"submit\"");

        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-001"))
                .contentType(ContentType.JSON).body(withRef).post("/api/v1/initiatives").then()
                .statusCode(403).contentType("application/problem+json").body("field", equalTo("externalRef"));
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, unit.toString(), "m-unit-admin"))
                .contentType(ContentType.JSON).body(withRef).post("/api/v1/initiatives").then()
                .statusCode(403).body("field", equalTo("externalRef"));
        assertThat(storedFor(unit)).isZero();

        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, province.toString(), "m-province-admin");
        given().header("Authorization", provinceAdmin).contentType(ContentType.JSON).body(withRef)
                .post("/api/v1/initiatives").then().statusCode(201).body("externalRef", equalTo("HT-2022-0042"));
        given().header("Authorization", provinceAdmin).contentType(ContentType.JSON).body(withRef)
                .post("/api/v1/initiatives").then()
                .statusCode(409).contentType("application/problem+json").body("field", equalTo("externalRef"));
        assertThat(storedFor(unit)).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCreatesNothingMore() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String key = "mobile-" + UUID.randomUUID();

        String first = createWithKey(key, initiative(unit, true)).statusCode(201).extract().path("id");
        String again = createWithKey(key, initiative(unit, true)).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/initiatives/" + first))
                .extract().path("id");
        assertThat(again).isEqualTo(first);

        createWithKey(key, initiative(unit, true).replace("Bệnh nhân chờ lâu", "Khác"))
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));

        var records = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(unit.toString()), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReplaysWithinItsConfiguredWindowAndIsANewRequestAfterIt() {
        // The test profile keeps keys 25 hours (idempotency.retention); the default is 48.
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String key = "window-" + UUID.randomUUID();
        String first = createWithKey(key, initiative(unit, true)).statusCode(201).extract().path("id");
        String changed = initiative(unit, true).replace("Bệnh nhân chờ lâu", "Một ngày sau");

        ageIdempotencyKey(key, Duration.ofHours(24).plusMinutes(50));
        createWithKey(key, initiative(unit, true)).statusCode(201).body("id", equalTo(first));
        createWithKey(key, changed).statusCode(422).body("field", equalTo("Idempotency-Key"));

        ageIdempotencyKey(key, Duration.ofHours(25).plusMinutes(10));
        String second = createWithKey(key, changed).statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        createWithKey(key, changed).statusCode(201).body("id", equalTo(second));
    }

    /** A creation sent with the Idempotency-Key {@code key}. */
    private static ValidatableResponse createWithKey(String key, String body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/initiatives").then();
    }

    private void ageIdempotencyKey(String key, Duration age) {
        QuarkusTransaction.requiringNew().run(() -> replicas.getEntityManager().createNativeQuery(
                "update idempotency_record set created_at = now() - ?2 * interval '1 second' where key = ?1")
                .setParameter(1, key).setParameter(2, age.toSeconds()).executeUpdate());
    }

    @Test
    void aCommitTheDatabaseCutsOffIsA503AndTheRetryStoresTheInitiativeOnce() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String key = "cut-at-commit-" + UUID.randomUUID();
        // The connection dies inside COMMIT, after every statement of the request succeeded: what a database
        // stopping or failing over between a request's last write and its commit looks like.
        String trigger = atCommit("cut", unit, "perform pg_terminate_backend(pg_backend_pid())");
        try {
            createWithKey(key, initiative(unit, true))
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5");
        } finally {
            dropAtCommit(trigger);
        }
        assertThat(storedFor(unit)).as("nothing of the cut request is stored").isZero();

        String id = createWithKey(key, initiative(unit, true)).statusCode(201).extract().path("id");
        createWithKey(key, initiative(unit, true)).statusCode(201).body("id", equalTo(id));
        assertThat(storedFor(unit)).isEqualTo(1);
    }

    /** Runs {@code statement} when a transaction that inserted an initiative of {@code unit} commits. */
    private String atCommit(String name, UUID unit, String statement) {
        String trigger = name + "_" + unit.toString().replace("-", "");
        nativeUpdate("create function " + trigger + "() returns trigger language plpgsql as $$ begin " + statement
                + "; return null; end $$");
        nativeUpdate("create constraint trigger " + trigger + " after insert on initiative"
                + " deferrable initially deferred for each row when (new.unit_id = '" + unit + "')"
                + " execute function " + trigger + "()");
        return trigger;
    }

    private void dropAtCommit(String trigger) {
        nativeUpdate("drop trigger " + trigger + " on initiative");
        nativeUpdate("drop function " + trigger + "()");
    }

    private void nativeUpdate(String sql) {
        QuarkusTransaction.requiringNew().run(() -> replicas.getEntityManager().createNativeQuery(sql).executeUpdate());
    }

    private long storedFor(UUID unit) {
        return QuarkusTransaction.requiringNew().call(() -> replicas.getEntityManager()
                .createQuery("select count(i) from Initiative i where i.unitId = ?1", Long.class)
                .setParameter(1, unit).getSingleResult());
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneInitiative() throws Exception {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        String key = "flaky-network-" + UUID.randomUUID();
        String token = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-001");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> given().header("Authorization", token).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(initiative(unit, true))
                        .post("/api/v1/initiatives").then().statusCode(201).extract().<String>path("id")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(storedFor(unit)).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsCommitTogetherAndOnlyTheRowAtFaultFails() throws Exception {
        UUID province = UUID.randomUUID();
        UUID unit = publishGrassroots(province, null);
        UUID slowUnit = publishGrassroots(UUID.randomUUID(), null);
        // Commits of the slow unit's initiatives take 1.5 s: every writer is busy with one, so the requests sent
        // meanwhile queue up and are committed together, ten of them racing for one externalRef.
        String trigger = atCommit("slow", slowUnit, "perform pg_sleep(1.5)");
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, province.toString(), "m-province-admin");
        String withRef = initiative(unit, true).replace("\"submit\"", "\"externalRef\":\"HT-RACE-1\",\"submit\"");
        int writers = groupCommit.writers();
        ExecutorService clients = Executors.newFixedThreadPool(20 + writers);
        List<Integer> refAnswers = new ArrayList<>();
        Set<String> plainIds = new HashSet<>();
        try {
            List<Future<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                slow.add(clients.submit(() -> given().contentType(ContentType.JSON).body(initiative(slowUnit, true))
                        .post("/api/v1/initiatives").then().extract().statusCode()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    ((Number) replicas.getEntityManager().createNativeQuery(
                            "select count(*) from pg_stat_activity where wait_event = 'PgSleep'")
                            .getSingleResult()).intValue()) == writers);
            List<Future<Integer>> sameRef = new ArrayList<>();
            List<Future<String>> plain = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sameRef.add(clients.submit(() -> given().header("Authorization", provinceAdmin)
                        .contentType(ContentType.JSON).body(withRef).post("/api/v1/initiatives").then()
                        .extract().statusCode()));
                plain.add(clients.submit(() -> given().contentType(ContentType.JSON).body(initiative(unit, true))
                        .post("/api/v1/initiatives").then().statusCode(201).extract().<String>path("id")));
            }
            for (Future<Integer> answer : slow) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
            for (Future<Integer> answer : sameRef) {
                refAnswers.add(answer.get(30, TimeUnit.SECONDS));
            }
            for (Future<String> answer : plain) {
                plainIds.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
            dropAtCommit(trigger);
        }
        assertThat(refAnswers).containsExactlyInAnyOrder(201, 409, 409, 409, 409, 409, 409, 409, 409, 409);
        assertThat(plainIds).hasSize(10);
        assertThat(storedFor(unit)).isEqualTo(11);

        var events = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS, r -> r.key().equals(province.toString()), 11,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(11);
        Set<String> published = new HashSet<>();
        events.forEach(r -> published.add(EventJson.read(r.value(), InitiativeEvent.class).initiativeId().toString()));
        assertThat(published).hasSize(11).containsAll(plainIds);
    }

    @Test
    void missingAuthorsAreAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(initiative(UUID.randomUUID(), true).replaceAll("\"authors\":\\[.*?]", "\"authors\":[]"))
                .post("/api/v1/initiatives").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("authors"));
    }

    @Test
    void textThatCannotBeStoredAsSentAndBodiesThatAreNoObjectAreProblemsNamingWhere() {
        UUID unit = publishGrassroots(UUID.randomUUID(), null);
        // Half a surrogate pair would be stored as '?': the answer would not be what was sent, nor what is read back.
        given().contentType(ContentType.JSON)
                .body(initiative(unit, true).replace("Cải tiến quy trình", "Cải tiến \\ud800 quy trình"))
                .post("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("title"));
        for (String body : List.of("[]", "\"x\"", "{")) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        }
        assertThat(storedFor(unit)).isZero();
    }

    private UUID publishGrassroots(UUID province, LocalDate validTo) {
        UUID id = UUID.randomUUID();
        OrgUnitState state = new OrgUnitState(id, "CS-" + id.toString().substring(0, 8),
                "Công đoàn cơ sở Bệnh viện Đa khoa tỉnh", OrgUnitType.GRASSROOTS, province, province, 120, null,
                LocalDate.of(2020, 1, 1), validTo, null, 0);
        Replica.publish(replicas, state);
        return id;
    }

    private static String initiative(UUID unit, boolean submit) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Cải tiến quy trình tiếp nhận bệnh nhân",
                 "problem":"Bệnh nhân chờ lâu","solution":"Đăng ký khám qua mạng","expectedBenefit":"Giảm 30%% thời gian chờ",
                 "field":"HEALTHCARE","unitId":"%s","visibility":"PUBLIC",
                 "authors":[{"memberId":"m-001","displayName":"Nguyễn Văn An"},{"memberId":"m-002","displayName":"Trần Thị Bình"}],
                 "submit":%s}
                """.formatted(unit, submit);
    }
}
