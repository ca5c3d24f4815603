package vn.congdoan.sangkien.ranking.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.Fixtures;
import vn.congdoan.sangkien.ranking.WithRankingResources;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithRankingResources
class DailySnapshotsTest {

    @Inject
    Scheduler scheduler;

    @Inject
    RankingConfig config;

    @Inject
    DailySnapshots daily;

    @Inject
    StandingsService service;

    @Inject
    StandingsUpdater updater;

    /**
     * The first check comes one interval after start-up, the next ones one interval apart. (Until a job has run, the
     * scheduler reports its next run one interval after the first.)
     */
    private static InitiativeEvent submittedAt(String programme, UUID province, Instant at, String author) {
        return Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED, at, author);
    }

    @Test
    void theCheckIsScheduledAtTheConfiguredInterval() {
        Trigger job = scheduler.getScheduledJob("daily-snapshots");

        assertThat(job).isNotNull();
        assertThat(job.getNextFireTime())
                .isBeforeOrEqualTo(Instant.now().plus(config.snapshotCheckInterval().multipliedBy(2)));
    }

    /**
     * The initiatives are counted before the programme is known, so that whenever the scheduled check also runs,
     * it keeps the same figures.
     */
    @Test
    void aCheckKeepsYesterdayOfARunningProgrammeAndKeepsTheFirstSnapshotTaken() {
        String ended = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Điện Biên", 10_000);
        await().atMost(WAIT).until(() -> standings(ended).get(row(province)) != null);
        String programme = Fixtures.programmeCode();
        Instant yesterdayNoon = service.today().minusDays(1).atTime(12, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .toInstant();
        updater.applyAll(CounterSet.LIVE, List.of(submittedAt(programme, province, yesterdayNoon, "m-1")));
        TopicProbe.send(Topics.PROGRAMMES, programme, EventJson.write(new ProgrammeState(programme, "Không kết thúc",
                LocalDate.of(2021, 9, 1), null, null, List.of(), 0)));
        await().atMost(WAIT).until(() -> given().get("/api/v1/programmes/{code}/summary", programme)
                .statusCode() == 200);
        String yesterday = service.today().minusDays(1).toString();

        daily.snapshotYesterday();
        // a late one for yesterday changes its standings, not what was published that night
        updater.applyAll(CounterSet.LIVE, List.of(submittedAt(programme, province, yesterdayNoon, "m-2")));
        daily.snapshotYesterday();

        assertThat(standings(programme).getInt(row(province) + ".submissions")).isEqualTo(2);
        assertThat(standings(programme, "asOf", yesterday).getInt(row(province) + ".submissions")).isEqualTo(2);
        given().queryParam("programme", programme).get("/api/v1/standings/published/{date}", yesterday).then()
                .statusCode(200).body("rows.find { it.provinceId == '" + province + "' }.submissions", equalTo(1));
    }
}
