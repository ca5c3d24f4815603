package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
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

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.RebuildService;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ranking"))
@WithTestResource(KafkaResource.class)
class RebuildResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    RebuildService rebuild;

    @Inject
    StandingsUpdater updater;

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
        await().atMost(Duration.ofSeconds(20)).ignoreException(NullPointerException.class).until(() -> standings(programme).getInt(row(province) + ".recognized") == 1
                && standings(programme).getInt(row(province) + ".submissions") == 3);

        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(true))
                .body("liveCaughtUp", equalTo(true))
                .body("eventsRead", greaterThanOrEqualTo(7 + 36))
                .body("differences", empty());

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update standing set submissions = submissions + 1 where programme_code = ? and province_id = ?")) {
            s.setString(1, programme);
            s.setObject(2, province);
            s.executeUpdate();
        }
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(false))
                .body("differences", hasSize(1))
                .body("differences[0].figure", equalTo("submissions"))
                .body("differences[0].live", equalTo(3))
                .body("differences[0].rebuilt", equalTo(2));

        // a repair puts the rebuilt counters in place; the live consumer goes on counting from there
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).queryParam("repair", "true").post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(false))
                .body("repaired", equalTo(true))
                .body("differences", hasSize(1));
        // the row shows the merged province's submission too: 2 + 1, as before the tampering
        await().atMost(Duration.ofSeconds(10)).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == 3);
        send(submitted(programme, province, "m-4"));
        await().atMost(Duration.ofSeconds(20)).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == 4);
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).queryParam("repair", "true").post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(true))
                .body("repaired", equalTo(false));
    }

    @Test
    void aRepairReadsOnToWhereTheLiveCountersStand() throws Exception {
        String programme = Fixtures.newProgramme();
        String other = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Cao Bằng", 10_000);
        InitiativeEvent recognised = submitted(programme, province, "m-1", "m-2");
        send(recognised, submitted(programme, province, "m-1"), next(recognised, InitiativeStatus.RECOGNIZED),
                submitted(other, province, "m-1"));
        await().atMost(Duration.ofSeconds(20)).ignoreException(NullPointerException.class)
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
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Bắc Kạn", 8_000);
        send(submitted(programme, province, "m-1"));
        await().atMost(Duration.ofSeconds(20)).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == 1);
        long saved;
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("select coalesce(max(next_offset), 0) from consumed_position where partition = 0");
            rs.next();
            saved = rs.getLong(1);
            s.executeUpdate("insert into consumed_position values ('" + Topics.INITIATIVE_EVENTS + "', 0, 1000000000)"
                    + " on conflict (topic, partition) do update set next_offset = 1000000000");
        }
        try {
            given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                    .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                    .statusCode(200)
                    .body("equal", equalTo(true));
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
}
