package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import vn.congdoan.sangkien.localstack.DevTokens;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * Two instances of every service, as the Kubernetes manifests run them, over one database per service and one broker:
 * the scheduled jobs run once whichever instance gets there first, and when one instance of each service is killed
 * under load (SIGKILL) the other takes over its clients, its outbox and its partitions, with nothing lost and nothing
 * counted twice; the killed ones come back and share the work again. The services export their traces: a submission
 * is one trace from its POST to the standings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

    private static final List<String> PROVINCES = List.of("01", "79", "42", "40", "38", "48");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The longest the surviving instance may take to relay what the killed one left in the outbox. */
    private static final Duration RELAY_TAKEOVER = Duration.ofSeconds(10);
    /** The session timeout the instances are given: how long the broker waits before it moves a lost one's partitions. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    private static TraceReceiver traces;
    private static SystemUnderTest system;
    private static List<Population.Unit> units;
    private static final Ledger LEDGER = new Ledger();

    @BeforeAll
    static void start() throws Exception {
        traces = new TraceReceiver();
        system = SystemUnderTest.start(Dirs.fresh("instances"), 2, 1, Map.of(
                "OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint(),
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "OTEL_BSP_SCHEDULE_DELAY", "200ms",
                "CONSUMERS_SESSION_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "S",
                // both instances look for due work every second, so that they meet
                "SCHEDULED_CHANGES_CHECK_INTERVAL", "1S",
                "RANKING_SNAPSHOT_CHECK_INTERVAL", "1S"));
        units = Population.create(system, "PAIR", PROVINCES);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    @Order(0)
    void aSubmissionIsOneTraceFromItsPostToTheStandings() throws Exception {
        // the client starts the trace, as a browser or app with OpenTelemetry does
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String clientSpan = traceId.substring(0, 16);
        Population.Unit unit = units.get(0);
        String member = "m-traced-" + traceId.substring(0, 8);
        Map<String, Object> body = Api.initiative(unit.id().toString(), member,
                "Sáng kiến được theo dõi từ đầu đến cuối");
        Api.Reply created = Api.postJson(system.url(Service.SUBMISSION, 1) + "/api/v1/initiatives",
                Api.bearer(member, unit.id().toString(), "MEMBER"), body,
                Map.of("traceparent", "00-" + traceId + "-" + clientSpan + "-01"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<TraceReceiver.ReceivedSpan> trace = traces.trace(traceId);
            TraceReceiver.ReceivedSpan post = trace.stream().filter(s -> s.service().equals("submission-service")
                    && s.kind().equals("SPAN_KIND_SERVER") && s.parentSpanId().equals(clientSpan)).findFirst()
                    .orElseThrow(() -> new AssertionError("no POST span of submission-service in " + trace));
            assertThat(post.name()).contains("POST");
            assertThat(trace).as("ranking-service applying the event, within the POST's trace").anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("ranking-service");
                assertThat(s.name()).isEqualTo("initiative-events.v1 process");
                assertThat(s.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                assertThat(s.parentSpanId()).isEqualTo(post.spanId());
            });
        });
    }

    @Test
    @Order(1)
    void theScheduledJobsRunOnceWhicheverInstanceComesFirst() throws Exception {
        // yesterday's standings are kept once, though both instances of ranking-service look every second
        LocalDate yesterday = LocalDate.now(VIETNAM).minusDays(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshotsOf(yesterday) == 1);
        Thread.sleep(3_000);
        assertThat(snapshotsOf(yesterday)).isEqualTo(1);
        assertThat(logLines(Service.RANKING, "Kept the standings of " + GroundTruth.PROGRAMME + " at the end of "
                + yesterday)).as("snapshots taken, over both instances' logs").isEqualTo(1);

        // a rename scheduled for a later day, whose day then comes: applied once, by one of the two instances
        String unit = createUnitInForceSince("2020-01-01");
        LocalDate today = LocalDate.now(VIETNAM);
        String etag = Api.get(system.url(Service.ORG_UNIT) + "/api/v1/units/" + unit, Population.ADMIN).etag();
        Api.Reply scheduled = Api.send("PUT", system.url(Service.ORG_UNIT) + "/api/v1/units/" + unit,
                Population.ADMIN, Map.of("Content-Type", "application/json", "If-Match", etag),
                Api.JSON.writeValueAsBytes(Map.of(
                        "name", "Công đoàn cơ sở Đổi Tên Một Lần", "effectiveFrom", today.plusDays(1).toString())));
        assertThat(scheduled.status()).as("%s", scheduled).isEqualTo(202);
        String change = scheduled.json().get("id").asText();
        try (Connection db = system.database(Service.ORG_UNIT);
             PreparedStatement dayComes = db.prepareStatement(
                     "update scheduled_change set effective_from = ? where id = ?")) {
            dayComes.setObject(1, today);
            dayComes.setObject(2, UUID.fromString(change));
            assertThat(dayComes.executeUpdate()).isEqualTo(1);
        }
        String read = system.url(Service.ORG_UNIT) + "/api/v1/scheduled-changes/" + change;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Api.get(read, Population.ADMIN).json().get("status").asText()).isEqualTo("APPLIED"));
        Thread.sleep(3_000);
        assertThat(logLines(Service.ORG_UNIT, "Applied the scheduled change " + change))
                .as("applications of the change, over both instances' logs").isEqualTo(1);
        assertThat(Api.get(system.url(Service.ORG_UNIT) + "/api/v1/units/" + unit, Population.ADMIN).json()
                .get("name").asText()).isEqualTo("Công đoàn cơ sở Đổi Tên Một Lần");
    }

    @Test
    @Order(2)
    void oneInstanceOfEachServiceKilledUnderLoadTheOtherTakesOverThenTheyShareAgain() throws Exception {
        Workload load = Workload.start(system, units, LEDGER, 6, Duration.ofSeconds(16), false);
        load.awaitAcknowledged(30);
        Instant killedAt = Instant.now();
        system.kill(Service.ORG_UNIT, 0);
        system.kill(Service.SUBMISSION, 0);
        system.kill(Service.RANKING, 0);
        long killed = System.nanoTime();

        // the events written before the kill, whichever instance wrote them, are relayed by the one left
        await().atMost(RELAY_TAKEOVER).pollInterval(Duration.ofMillis(100))
                .until(() -> waitingSince(Service.SUBMISSION, killedAt) == 0);
        Duration relayed = Duration.ofNanos(System.nanoTime() - killed);
        // a unit created after the kill reaches submission-service's copy: org-unit-service's relay and
        // submission-service's consumer of org-units.v1 carry on in the instances left
        List<Population.Unit> later = Population.create(system, "PAIR-AFTER", List.of("31"));
        load.finish();
        assertThat(load.problems()).isEmpty();
        assertThat(load.retries()).as("the clients of the killed instance felt it and went to the other").isPositive();
        GroundTruth.check(system, LEDGER, "one instance of each service was killed (the other alone)");
        Duration settled = Duration.ofNanos(System.nanoTime() - killed);
        SystemSummary.fault("two instances of each service, one of each killed (SIGKILL) under load: the outbox "
                + "waiting at the kill relayed by the other instance " + relayed.toMillis() + " ms after it (at most "
                + RELAY_TAKEOVER.toSeconds() + " s), the standings exact from the other ranking-service "
                + settled.toSeconds() + " s after it (its consumers' session timeout " + SESSION_TIMEOUT.toSeconds()
                + " s), then the killed instances restarted");

        for (Service s : Service.values()) {
            system.restart(s, 0);
        }
        Workload after = Workload.start(system, later, LEDGER, 4, Duration.ofSeconds(6), false).finish();
        assertThat(after.problems()).isEmpty();
        assertThat(after.acknowledged()).isPositive();
        GroundTruth.check(system, LEDGER, "the killed instances came back");
    }

    private static long snapshotsOf(LocalDate day) throws Exception {
        return count(Service.RANKING, "select count(*) from snapshot_day where programme_code = ? and day = ?",
                GroundTruth.PROGRAMME, day);
    }

    /** Events not yet relayed that were written before {@code instant}. */
    private static long waitingSince(Service service, Instant instant) throws Exception {
        return count(service, "select count(*) from outbox_event"
                + " where published_at is null and blocked_at is null and created_at <= ?", Timestamp.from(instant));
    }

    private static long count(Service service, String sql, Object... params) throws Exception {
        try (Connection db = system.database(service); PreparedStatement count = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                count.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Lines of every instance's log of a service that contain {@code text}. */
    private static long logLines(Service service, String text) throws Exception {
        long found = 0;
        for (int i = 0; i < system.instances(); i++) {
            try (var lines = Files.lines(system.log(service, i))) {
                found += lines.filter(l -> l.contains(text)).count();
            }
        }
        return found;
    }

    private static String createUnitInForceSince(String validFrom) throws Exception {
        String code = "PAIR-RENAME-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = Api.postJson(system.url(Service.ORG_UNIT) + "/api/v1/units", Population.ADMIN, Map.of(
                "code", code, "name", "Công đoàn cơ sở " + code, "type", "GRASSROOTS",
                "parentId", DevTokens.unitId("38"), "validFrom", validFrom), Map.of());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
