package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.awaitSubmissions;
import static vn.congdoan.sangkien.ranking.Fixtures.next;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.RebuildJobs;
import vn.congdoan.sangkien.ranking.service.RebuildService;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithRankingResources
class RebuildResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    RebuildService rebuild;

    @Inject
    StandingsUpdater updater;

    @Inject
    RebuildJobs jobs;

    @Test
    void aRebuildFromTheTopicEqualsTheLiveStandingsAndFindsATamperedCounter() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Điện Biên", 15_000);
        String mergedName = "Liên đoàn Lao động tỉnh Lai Châu";
        UUID merged = Fixtures.province(mergedName, 5_000);
        InitiativeEvent withdrawn = submitted(programme, province, "m-1");
        InitiativeEvent recognised = submitted(programme, province, "m-2", "m-3");
        send(withdrawn, recognised, submitted(programme, province, "m-1"), next(withdrawn, InitiativeStatus.WITHDRAWN),
                next(recognised, InitiativeStatus.RECOGNIZED), recognised, submitted(programme, merged, "m-1"));
        // provinces enough to spread over the topic's partitions and so over the rebuild's workers, a member in all
        List<InitiativeEvent> spread = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID other = Fixtures.province("Liên đoàn Lao động tỉnh Thử Nghiệm " + i, 1_000);
            InitiativeEvent later = submitted(programme, other, "m-1", "m-spread-" + i);
            spread.add(submitted(programme, other, "m-1"));
            spread.add(later);
            spread.add(next(later, i % 2 == 0 ? InitiativeStatus.WITHDRAWN : InitiativeStatus.UNDER_REVIEW));
        }
        send(spread);
        // a merge moves where counts stand, not the counters a rebuild compares
        Fixtures.merge(merged, mergedName, 5_000, province, LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")));
        await().atMost(WAIT).ignoreException(NullPointerException.class).until(() -> standings(programme).getInt(row(province) + ".recognized") == 1
                && standings(programme).getInt(row(province) + ".submissions") == 3);

        JsonPath first = rebuild(programme, false);
        assertThat(first.getBoolean("report.equal")).isTrue();
        assertThat(first.getBoolean("report.liveCaughtUp")).isTrue();
        assertThat(first.getLong("report.eventsRead")).isGreaterThanOrEqualTo(7 + 36);
        assertThat(first.getList("report.differences")).isEmpty();

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update standing set submissions = submissions + 1 where programme_code = ? and province_id = ?")) {
            s.setString(1, programme);
            s.setObject(2, province);
            s.executeUpdate();
        }
        JsonPath tampered = rebuild(programme, false);
        assertThat(tampered.getBoolean("report.equal")).isFalse();
        assertThat(tampered.getList("report.differences")).hasSize(1);
        assertThat(tampered.getString("report.differences[0].table")).isEqualTo("standing");
        assertThat(tampered.getString("report.differences[0].figure")).isEqualTo("submissions");
        assertThat(tampered.getLong("report.differences[0].live")).isEqualTo(3);
        assertThat(tampered.getLong("report.differences[0].rebuilt")).isEqualTo(2);
        assertThat(tampered.getLong("report.differenceCounts.standing")).isEqualTo(1);

        // a repair puts the rebuilt counters in place; the live consumer goes on counting from there
        JsonPath repaired = rebuild(programme, true);
        assertThat(repaired.getBoolean("report.equal")).isFalse();
        assertThat(repaired.getBoolean("report.repaired")).isTrue();
        assertThat(repaired.getList("report.differences")).hasSize(1);
        // the row shows the merged province's submission too: 2 + 1, as before the tampering
        await().atMost(Duration.ofSeconds(10)).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == 3);
        send(submitted(programme, province, "m-4"));
        awaitSubmissions(programme, province, 4);
        JsonPath again = rebuild(programme, true);
        assertThat(again.getBoolean("report.equal")).isTrue();
        assertThat(again.getBoolean("report.repaired")).isFalse();
    }

    @Test
    void aRepairReadsOnToWhereTheLiveCountersStand() throws Exception {
        String programme = Fixtures.newProgramme();
        String other = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Cao Bằng", 10_000);
        InitiativeEvent recognised = submitted(programme, province, "m-1", "m-2");
        send(recognised, submitted(programme, province, "m-1"), next(recognised, InitiativeStatus.RECOGNIZED),
                submitted(other, province, "m-1"));
        await().atMost(WAIT).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".recognized") == 1
                        && standings(programme).getInt(row(province) + ".submissions") == 2
                        && standings(other).getInt(row(province) + ".submissions") == 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update standing set submissions = 7, submitters = 9 where province_id = ?")) {
            s.setObject(1, province);
            s.executeUpdate();
        }

        // rebuilt counters that have read nothing yet: the repair reads on to the positions the live ones recorded
        updater.clear(CounterSet.REBUILD);
        Map<TopicPartition, Long> nothingRead = new HashMap<>();
        for (int p = 0; p < Topics.spec(Topics.INITIATIVE_EVENTS).partitions(); p++) {
            nothingRead.put(new TopicPartition(Topics.INITIATIVE_EVENTS, p), 0L);
        }
        RebuildService.Comparison comparison = rebuild.compare(programme, nothingRead, true);
        assertThat(comparison.eventsRead()).isGreaterThanOrEqualTo(4);
        assertThat(comparison.repaired()).isTrue();

        await().atMost(Duration.ofSeconds(10)).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == 2);
        assertThat(standings(programme).getInt(row(province) + ".submitters")).isEqualTo(2);
        assertThat(standings(programme).getInt(row(province) + ".recognized")).isEqualTo(1);
        // another programme's counters are not the repair's business
        assertThat(standings(other).getInt(row(province) + ".submissions")).isEqualTo(7);
    }

    @Test
    void aPositionPastTheTopicsEndIsNotWaitedFor() throws Exception {
        // as when the topic was deleted and made again under a database that kept its counters
        String programme = Fixtures.oneSubmissionIn("Liên đoàn Lao động tỉnh Bắc Kạn", 8_000).programme();
        long saved;
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("select coalesce(max(next_offset), 0) from consumed_position where partition = 0");
            rs.next();
            saved = rs.getLong(1);
            s.executeUpdate("insert into consumed_position values ('" + Topics.INITIATIVE_EVENTS + "', 0, 1000000000)"
                    + " on conflict (topic, partition) do update set next_offset = 1000000000");
        }
        try {
            assertThat(rebuild(programme, false).getBoolean("report.equal")).isTrue();
        } finally {
            try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("update consumed_position set next_offset = " + saved + " where partition = 0");
            }
        }
    }

    @Test
    void repairIsTrueOrFalse() {
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("repair", "yes").post("/api/v1/admin/rebuild").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("repair"));
    }

    @Test
    void everyTableOfCountersIsCompared() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Hà Giang", 9_000);
        send(submitted(programme, province, "m-1", "m-2"), submitted(programme, province, "m-1"));
        awaitSubmissions(programme, province, 2);
        // counters no province's row shows: how many initiatives a member has, in how many provinces a member is
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update submitter set initiatives = 5 where programme_code = '" + programme
                    + "' and member_id = 'm-1'");
            s.executeUpdate("update member_reach set provinces = 4 where programme_code = '" + programme
                    + "' and member_id = 'm-2'");
        }

        JsonPath job = rebuild(programme, true);
        assertThat(job.getBoolean("report.equal")).isFalse();
        assertThat(job.getLong("report.differenceCounts.submitter")).isEqualTo(1);
        assertThat(job.getLong("report.differenceCounts.member_reach")).isEqualTo(1);
        assertThat(job.getList("report.differences.table")).containsExactlyInAnyOrder("submitter", "member_reach");
        assertThat(job.getMap("report.differences.find { it.table == 'submitter' }"))
                .containsEntry("memberId", "m-1").containsEntry("figure", "initiatives").containsEntry("live", 5)
                .containsEntry("rebuilt", 2);
        assertThat(job.getBoolean("report.repaired")).isTrue();
        assertThat(rebuild(programme, false).getBoolean("report.equal")).isTrue();
    }

    @Test
    void everyDaysFiguresAreComparedAndTheLiveCountingOfLateDataEqualsTheReplay() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Cao Bằng", 8_000);
        ZoneId vietnam = ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.Instant april10 = LocalDate.of(2022, 4, 10).atTime(9, 0).atZone(vietnam).toInstant();
        java.time.Instant april12 = LocalDate.of(2022, 4, 12).atTime(9, 0).atZone(vietnam).toInstant();
        InitiativeEvent later = Fixtures.event(UUID.randomUUID(), 1, programme, province, InitiativeStatus.SUBMITTED,
                april12, "m-1");
        // the member's later initiative first, then an earlier one and a withdrawal of the later, as late data comes
        send(later);
        send(Fixtures.event(UUID.randomUUID(), 1, programme, province, InitiativeStatus.SUBMITTED, april10, "m-1"),
                new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.WITHDRAWN, java.time.Instant.now(),
                        later.initiativeId(), 2, programme, later.unitId(), province, InitiativeStatus.WITHDRAWN,
                        later.authorIds(), april12, null, april12.plus(Duration.ofDays(1))));
        await().atMost(WAIT).ignoreException(NullPointerException.class)
                .until(() -> standings(programme, "asOf", "2022-04-13").getInt(row(province) + ".submissions") == 1);
        assertThat(rebuild(programme, false).getBoolean("report.equal")).isTrue();

        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update day_count set submitters = submitters + 1 where programme_code = '" + programme
                    + "' and day = date '2022-04-10'");
            s.executeUpdate("update member_day set initiatives = 7 where programme_code = '" + programme
                    + "' and day = date '2022-04-12'");
            s.executeUpdate("update nation_day set submitters = 3 where programme_code = '" + programme
                    + "' and day = date '2022-04-10'");
        }
        JsonPath job = rebuild(programme, true);
        assertThat(job.getList("report.differences.table")).containsExactlyInAnyOrder("day_count", "member_day",
                "nation_day");
        assertThat(job.getMap("report.differences.find { it.table == 'day_count' }"))
                .containsEntry("day", "2022-04-10").containsEntry("figure", "submitters").containsEntry("live", 2)
                .containsEntry("rebuilt", 1);
        assertThat(rebuild(programme, false).getBoolean("report.equal")).isTrue();
        assertThat(standings(programme, "asOf", "2022-04-10").getInt(row(province) + ".submitters")).isEqualTo(1);
    }

    @Test
    void aRepairPutsBackTheUnitsOfInitiativesCountedBeforeTheServiceKeptThem() throws Exception {
        UnitTree t = new UnitTree();
        send(t.submitted(t.grassroots1a, java.time.Instant.now(), "m-1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(UnitTree.row(t.read(t.admin(),
                t.province, null), t.district1)).containsEntry("submissions", 1));
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update initiative_state set unit_id = null, field = null where programme_code = '"
                    + t.programme + "'");
        }
        long reference = reference();

        JsonPath job = rebuild(t.programme, true);

        assertThat(job.getMap("report.differences.find { it.table == 'initiative_state' }"))
                .containsEntry("figure", "unit_known").containsEntry("live", 0).containsEntry("rebuilt", 1);
        assertThat(job.getBoolean("report.repaired")).isTrue();
        // the rows put back carry the rebuild's transactions: what was held of them in memory is read again
        assertThat(reference()).isGreaterThan(reference);
        assertThat(UnitTree.row(t.read(t.admin(), t.province, null), t.district1)).containsEntry("submissions", 1);
        assertThat(rebuild(t.programme, false).getBoolean("report.equal")).isTrue();
    }

    private long reference() throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select reference from standings_revision")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aCountBelowZeroIsReportedAndNotRepairedWith() throws Exception {
        Fixtures.Counted counted = Fixtures.oneSubmissionIn("Liên đoàn Lao động tỉnh Tuyên Quang", 7_000);
        String programme = counted.programme();
        UUID province = counted.province();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update standing set submissions = 3 where programme_code = '" + programme + "'");
        }
        // rebuilt counters in which a member's count went below 0, as events that disagree with each other leave
        // them (the changes of a day may be below 0: they are compared, not refused)
        updater.clear(CounterSet.REBUILD);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into rebuild.submitter values (?, ?, 'm-below', -1)")) {
            s.setString(1, programme);
            s.setObject(2, province);
            s.executeUpdate();
        }
        Map<TopicPartition, Long> nothingRead = new HashMap<>();
        for (int p = 0; p < Topics.spec(Topics.INITIATIVE_EVENTS).partitions(); p++) {
            nothingRead.put(new TopicPartition(Topics.INITIATIVE_EVENTS, p), 0L);
        }
        RebuildService.Comparison comparison = rebuild.compare(programme, nothingRead, true);

        assertThat(comparison.found().negatives()).containsOnlyKeys("submitter").containsEntry("submitter", 1L);
        assertThat(comparison.found().differences()).anySatisfy(d -> {
            assertThat(d.table()).isEqualTo("submitter");
            assertThat(d.memberId()).isEqualTo("m-below");
            assertThat(d.rebuilt()).isEqualTo(-1);
            assertThat(d.live()).isZero();
        });
        assertThat(comparison.repaired()).isFalse();
        assertThat(comparison.repairRefused()).contains("below 0");
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select submissions from standing where programme_code = '" + programme + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("the live counters are left as they were").isEqualTo(3);
        }
    }

    @Test
    void aRebuildLeftRunningByAStoppedInstanceIsTakenUpWhereItStood() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Lào Cai", 6_000);
        send(submitted(programme, province, "m-1"), submitted(programme, province, "m-2"));
        awaitSubmissions(programme, province, 2);
        JsonPath first = rebuild(programme, false);
        assertThat(first.getBoolean("report.equal")).isTrue();

        // an instance stopped while its rebuild was replaying: the job still says RUNNING
        UUID abandoned = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into rebuild_job (id, programme_code, repair, requested_at, state, phase)"
                        + " values (?, ?, false, now(), 'RUNNING', 'REPLAYING')")) {
            s.setObject(1, abandoned);
            s.setString(2, programme);
            s.executeUpdate();
        }
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(abandoned.toString()));

        jobs.resumeAbandoned();
        JsonPath resumed = await().atMost(Duration.ofSeconds(60)).until(() -> job(abandoned),
                j -> !"RUNNING".equals(j.getString("state")));
        assertThat(resumed.getString("state")).isEqualTo("DONE");
        assertThat(resumed.getBoolean("report.equal")).isTrue();
        // it went on from where the rebuilt counters stood instead of reading the topic from offset 0 again
        assertThat(resumed.getLong("report.eventsRead")).isLessThan(first.getLong("report.eventsRead"));
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD")).get("/api/v1/admin/rebuild")
                .then().statusCode(200)
                .body("[0].id", equalTo(abandoned.toString()));
    }

    @Test
    void aRebuildThatDoesNotExistIsNotFound() {
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .get("/api/v1/admin/rebuild/" + UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Starts a rebuild, which answers 202 with its status resource, and follows that until the job is done; while
     * another test's rebuild runs, starting one is a conflict.
     */
    private static JsonPath rebuild(String programme, boolean repair) {
        ExtractableResponse<Response> started = await().atMost(Duration.ofSeconds(60))
                .until(() -> given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                        .queryParam("programme", programme).queryParam("repair", String.valueOf(repair))
                        .post("/api/v1/admin/rebuild").then().extract(), r -> r.statusCode() != 409);
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        assertThat(started.jsonPath().getString("state")).isEqualTo("RUNNING");
        String location = started.header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(id), j -> !"RUNNING".equals(j.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        return done;
    }

    private static JsonPath job(UUID id) {
        return given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .get("/api/v1/admin/rebuild/" + id).then().statusCode(200).extract().jsonPath();
    }
}
