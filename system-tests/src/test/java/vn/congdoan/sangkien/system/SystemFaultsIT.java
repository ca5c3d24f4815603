package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * Nothing submitted is lost, nothing is counted twice, and the system keeps answering: concurrent clients work
 * through the public API while parts of the system are killed and started again, and after each fault the standings
 * of every province equal the counts taken straight from submission-service's database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemFaultsIT {

    private static final List<String> PROVINCES = List.of("01", "79", "42", "40", "38", "48", "31", "92");

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static SystemUnderTest system;
    private static List<Population.Unit> units;
    private static final Ledger LEDGER = new Ledger();

    @BeforeAll
    static void start() throws Exception {
        system = SystemUnderTest.start(Dirs.fresh("faults"));
        units = Population.create(system, "FAULT", PROVINCES);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void concurrentClientsLeaveStandingsEqualToTheDatabase() throws Exception {
        Workload load = Workload.start(system, units, LEDGER, 6, Duration.ofSeconds(6), false).finish();

        assertThat(load.problems()).isEmpty();
        assertThat(load.acknowledged()).isGreaterThan(20);
        GroundTruth.check(system, LEDGER, "concurrent clients");
    }

    @Test
    @Order(2)
    void kafkaBrokerKilledDuringASubmissionLoadThenRestarted() throws Exception {
        Workload load = Workload.start(system, units, LEDGER, 4, Duration.ofSeconds(10), true);
        load.awaitAcknowledged(10);
        system.killKafka();
        long killed = System.nanoTime();
        SystemSummary.fault("Kafka broker killed (SIGKILL) during a submission load, restarted 3-5 s later");
        // events of the submissions accepted meanwhile wait in the outbox longer than OUTBOX_ALERT_AFTER (1 s here)
        Thread.sleep(1_500);
        List<Api.Reply> ready = new ArrayList<>();
        for (Service s : Service.values()) {
            ready.add(Api.get(system.url(s) + "/q/health/ready", null));
        }
        JsonNode well = Api.JSON.readTree(Api.get(system.url(Service.SUBMISSION) + "/q/health/well", null).body());
        Thread.sleep(Math.max(0, 3_000 - Duration.ofNanos(System.nanoTime() - killed).toMillis()));
        system.startKafka();
        load.finish();

        assertThat(load.problems()).as("submissions are accepted while the broker is down").isEmpty();
        assertThat(ready).as("every service stays ready without the broker").allSatisfy(r ->
                assertThat(r.status()).as("%s", r).isEqualTo(200));
        assertThat(check(well, "kafka-broker").path("status").asText()).as("%s", well).isEqualTo("DOWN");
        assertThat(check(well, "outbox").path("status").asText()).as("%s", well).isEqualTo("DOWN");
        assertThat(check(well, "outbox").path("data").path("waiting").asLong()).isPositive();
        GroundTruth.check(system, LEDGER, "the Kafka broker was killed");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode after = Api.JSON.readTree(Api.get(system.url(Service.SUBMISSION) + "/q/health/well", null).body());
            assertThat(after.path("status").asText()).as("%s", after).isEqualTo("UP");
            assertThat(check(after, "outbox").path("data").path("waiting").asLong()).isZero();
            JsonNode ranking = Api.JSON.readTree(Api.get(system.url(Service.RANKING) + "/q/health/well", null).body());
            assertThat(check(ranking, "consumers").path("data").path("ranking-service.standings lag").asLong(-2))
                    .as("%s", ranking).isZero();
        });
    }

    /** A check of a health answer, by name. */
    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("No check " + name + " in " + health);
    }

    @Test
    @Order(3)
    void rankingServiceKilledDuringConsumptionThenRestarted() throws Exception {
        killedUnderLoadThenRestarted(Service.RANKING, 4, Duration.ofSeconds(8), true, 15,
                "ranking-service killed (SIGKILL) while consuming, restarted");
        GroundTruth.check(system, LEDGER, "ranking-service was killed");
    }

    @Test
    @Order(4)
    void submissionServiceKilledUnderLoadWhileClientsRetryWithTheirIdempotencyKeys() throws Exception {
        Workload load = killedUnderLoadThenRestarted(Service.SUBMISSION, 6, Duration.ofSeconds(10), false, 20,
                "submission-service killed (SIGKILL) under load, restarted while clients retry");
        assertThat(load.retries()).as("the clients felt the fault and retried").isPositive();
        GroundTruth.check(system, LEDGER, "submission-service was killed");
    }

    /**
     * Kills a service (SIGKILL) once the clients have had {@code acknowledged} creates answered, starts it again at
     * once, and lets the load finish; no client may have met a problem.
     */
    private static Workload killedUnderLoadThenRestarted(Service service, int clients, Duration duration,
            boolean strict, long acknowledged, String fault) throws Exception {
        Workload load = Workload.start(system, units, LEDGER, clients, duration, strict);
        load.awaitAcknowledged(acknowledged);
        system.kill(service);
        SystemSummary.fault(fault);
        system.restart(service);
        load.finish();
        assertThat(load.problems()).isEmpty();
        return load;
    }

    @Test
    @Order(5)
    void submissionsKeepBeingAcceptedWhileOrgUnitServiceIsDown() throws Exception {
        system.kill(Service.ORG_UNIT);
        SystemSummary.fault("org-unit-service down while submissions arrive");
        Workload load = Workload.start(system, units, LEDGER, 4, Duration.ofSeconds(5), true).finish();

        assertThat(load.problems()).as("every request answered at once, without a retry").isEmpty();
        assertThat(load.acknowledged()).isPositive();
        system.restart(Service.ORG_UNIT);
        GroundTruth.check(system, LEDGER, "org-unit-service was down");
    }

    @Test
    @Order(6)
    void whilePostgresIsDownServicesAnswer503WithRetryAfterAndRecoverWithoutARestart() throws Exception {
        List<Long> pids = List.of(system.pid(Service.ORG_UNIT), system.pid(Service.SUBMISSION),
                system.pid(Service.RANKING));
        Workload load = Workload.start(system, units, LEDGER, 3, Duration.ofSeconds(12), false);
        load.awaitAcknowledged(10);
        system.stopPostgres();
        SystemSummary.fault("PostgreSQL stopped under load, started again about 10 s later");
        List<Api.Reply> answers = probeEveryService(2);
        system.startPostgres();
        load.finish();

        assertThat(answers).as("while the database is down: 503 with Retry-After, or an answer from memory")
                .allSatisfy(r -> assertThat(r.status() == 503 && r.retryAfter() != null && r.isProblem()
                        || r.status() == 200).as("%s", r).isTrue());
        assertThat(answers).as("the outage was noticed").anyMatch(r -> r.status() == 503);
        assertThat(load.problems()).isEmpty();
        assertThat(List.of(system.pid(Service.ORG_UNIT), system.pid(Service.SUBMISSION),
                system.pid(Service.RANKING))).as("no service was restarted").isEqualTo(pids);
        GroundTruth.check(system, LEDGER, "PostgreSQL was stopped");
    }

    @Test
    @Order(7)
    void poisonEventsInTheOutboxAreParkedAndEverySubmissionAfterThemIsCounted() throws Exception {
        Workload load = Workload.start(system, units, LEDGER, 3, Duration.ofSeconds(8), true);
        load.awaitAcknowledged(5);
        try (Connection db = system.database(Service.SUBMISSION); Statement insert = db.createStatement()) {
            insert.executeUpdate("insert into outbox_event (topic, record_key, payload) values "
                    + "('no-such-topic.v1', 'poison', '{}'), "
                    + "('initiative-events.v1', 'poison', '{\"padding\":\"' || repeat('x', 2 * 1024 * 1024) || '\"}')");
        }
        SystemSummary.fault("two poison events in submission-service's outbox (a topic nobody knows, a record too "
                + "large) while submissions go on");
        load.finish();

        assertThat(load.problems()).isEmpty();
        GroundTruth.check(system, LEDGER, "poison events were written to the outbox");
        String admin = Population.ADMIN;
        JsonNode parked = Api.get(system.url(Service.SUBMISSION) + "/api/v1/admin/outbox/blocked", admin).json();
        assertThat(parked).as("%s", parked).hasSize(2);
        for (JsonNode event : parked) {
            assertThat(Api.send("DELETE", system.url(Service.SUBMISSION) + "/api/v1/admin/outbox/blocked/"
                    + event.path("id").asLong(), admin, Map.of(), null).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(8)
    void aDatabaseStalledLongerThanTheGroupCommitDeadlineIsAnswered503NotAHang() throws Exception {
        Workload load = Workload.start(system, units, LEDGER, 3, Duration.ofSeconds(14), false);
        load.awaitAcknowledged(5);
        List<Api.Reply> answers;
        try (Connection holder = system.database(Service.SUBMISSION); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table initiative in access exclusive mode");
            SystemSummary.fault("submission-service's database stalled (its initiatives locked) for about 8 s under "
                    + "load, longer than the group commit's deadline");
            answers = submitWhileStalled(3);
            holder.rollback();
        }
        load.finish();

        assertThat(answers).as("a submission while the database stalls: 503 with Retry-After, within its deadline")
                .allSatisfy(r -> assertThat(r.status() == 503 && r.retryAfter() != null && r.isProblem())
                        .as("%s", r).isTrue());
        assertThat(load.problems()).isEmpty();
        GroundTruth.check(system, LEDGER, "the database stalled");
    }

    /** Submissions sent one after the other while the database stalls; one that hangs fails the test. */
    private static List<Api.Reply> submitWhileStalled(int count) throws Exception {
        Population.Unit unit = units.get(0);
        String member = "m-stall-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Api.bearer(member, unit.id().toString(), "MEMBER");
        List<Api.Reply> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = Api.initiative(unit.id().toString(), member,
                    "Sáng kiến khi cơ sở dữ liệu chậm");
            try {
                answers.add(Api.postJson(system.url(Service.SUBMISSION) + "/api/v1/initiatives", token, body,
                        Map.of()));
            } catch (HttpTimeoutException hang) {
                throw new AssertionError("A submission hung while the database stalled", hang);
            }
        }
        return answers;
    }

    @Test
    @Order(9)
    void sigtermUnderLoadAnswersEveryRequestItTookAndLosesNoEvent() throws Exception {
        int clients = 6;
        Workload load = Workload.start(system, units, LEDGER, clients, Duration.ofSeconds(10), false);
        load.awaitAcknowledged(15);
        Duration stopped = system.terminate(Service.SUBMISSION);
        system.restart(Service.SUBMISSION);
        load.finish();
        SystemSummary.fault("submission-service stopped with SIGTERM under load (stopped in " + stopped.toMillis()
                + " ms; requests cut off without an answer: " + load.cutOff() + "), started again");

        assertThat(load.problems()).isEmpty();
        // it drains its connections before it closes (Draining): a request is answered, or refused before it is
        // sent (connection refused), never taken and dropped
        assertThat(load.cutOff()).as("requests met by a connection closed without an answer").isZero();
        GroundTruth.check(system, LEDGER, "submission-service was stopped with SIGTERM");
    }

    @Test
    @Order(10)
    void aProvincesWeeklyReportTitlesItsRecognisedInitiativesAsSubmissionServiceShowsThem() throws Exception {
        Population.Unit unit = units.get(0);
        Instant now = Instant.now();
        String title = "Sổ tay an toàn lao động song ngữ cho công nhân mới " + UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("externalRef", "REPORT-" + UUID.randomUUID());
        row.put("programmeCode", GroundTruth.PROGRAMME);
        row.put("title", title);
        row.put("problem", "Công nhân mới chưa đọc được nội quy");
        row.put("solution", "Sổ tay hai thứ tiếng");
        row.put("expectedBenefit", "Ít tai nạn hơn");
        row.put("field", "PRODUCTION_TECHNICAL");
        row.put("unitId", unit.id().toString());
        row.put("visibility", "CONFIDENTIAL");
        row.put("authors", List.of(Map.of("memberId", "m-report-author", "displayName", "Tác giả")));
        row.put("submit", true);
        // submitted and recognised today, in Vietnam, the day the unit came into force
        Instant today = LocalDate.now(VIETNAM).atStartOfDay(VIETNAM).toInstant();
        Instant submitted = now.minusSeconds(2).isBefore(today) ? today : now.minusSeconds(2);
        row.put("submittedAt", submitted.toString());
        row.put("outcome", "RECOGNIZED");
        row.put("reviewedAt", submitted.plusSeconds(1).toString());
        Api.Reply imported = Api.postJson(system.url(Service.SUBMISSION) + "/api/v1/initiatives/import?province="
                + unit.provinceCode(), Population.ADMIN, List.of(row), Map.of());
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).as("%s", imported).isEqualTo(1);
        String id = imported.json().get("results").get(0).get("id").asText();

        // a member of the province who did not write it: ranking-service asks submission-service with their token
        String member = Api.bearer("m-report-reader", unit.id().toString(), "MEMBER");
        String report = system.url(Service.RANKING) + "/api/v1/standings/units/" + unit.provinceId()
                + "/report?programme=" + GroundTruth.PROGRAMME;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Reply reply = Api.get(report, member);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.json().get("newlyRecognized").findValuesAsText("initiativeId")).contains(id);
        });
        JsonNode shown = Api.get(report, member).json();
        JsonNode entry = null;
        for (JsonNode r : shown.get("newlyRecognized")) {
            entry = r.get("initiativeId").asText().equals(id) ? r : entry;
        }
        JsonNode asSubmissionShowsIt = Api.get(system.url(Service.SUBMISSION) + "/api/v1/initiatives/" + id, member)
                .json();
        assertThat(shown.get("titles").asText()).isEqualTo("SHOWN");
        assertThat(entry.get("title").asText()).isEqualTo(asSubmissionShowsIt.get("title").asText()).isEqualTo(title);
        assertThat(asSubmissionShowsIt.has("problem") && !asSubmissionShowsIt.get("problem").isNull())
                .as("a confidential initiative's content stays hidden from a reader who did not write it").isFalse();
    }

    /** Reads from every service at once, {@code rounds} times; a request that hangs fails the test. */
    private static List<Api.Reply> probeEveryService(int rounds) throws Exception {
        Ledger.Entry known = LEDGER.entries().stream().filter(Ledger.Entry::acknowledged).findAny().orElseThrow();
        List<Callable<Api.Reply>> probes = List.of(
                () -> Api.get(system.url(Service.ORG_UNIT) + "/api/v1/units/by-code/42", Population.ADMIN),
                () -> Api.get(system.url(Service.SUBMISSION) + "/api/v1/initiatives/" + known.id, known.token),
                () -> Api.get(system.url(Service.RANKING) + "/api/v1/standings", null));
        List<Api.Reply> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(probes.size());
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<Api.Reply>> pending = new ArrayList<>();
                probes.forEach(p -> pending.add(pool.submit(p)));
                for (Future<Api.Reply> f : pending) {
                    try {
                        answers.add(f.get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof HttpTimeoutException) {
                            throw new AssertionError("A service hung while the database was down", e.getCause());
                        }
                        throw e;
                    }
                }
                Thread.sleep(1_000);
            }
        } finally {
            pool.shutdownNow();
        }
        return answers;
    }
}
