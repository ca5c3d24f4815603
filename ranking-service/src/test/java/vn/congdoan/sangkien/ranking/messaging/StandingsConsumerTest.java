package vn.congdoan.sangkien.ranking.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.ranking.Fixtures.next;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.Fixtures;
import vn.congdoan.sangkien.ranking.WithRankingResources;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithRankingResources
class StandingsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(25);

    @Inject
    StandingsConsumer consumer;

    @Inject
    TopicAdmin topics;

    @Inject
    StandingsUpdater updater;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** Expected counts per province: the last state of each initiative under the counting rule. */
    private static Map<UUID, Long> expected(List<InitiativeEvent> events) {
        Map<UUID, InitiativeEvent> last = new HashMap<>();
        events.forEach(e -> last.merge(e.initiativeId(), e, (a, b) -> b.version() > a.version() ? b : a));
        return last.values().stream().filter(e -> e.status().countsAsSubmission())
                .collect(Collectors.groupingBy(InitiativeEvent::provinceId, Collectors.counting()));
    }

    /** A programme of a test's own, two provinces of its own and the events of their initiatives. */
    private record TwoProvinces(String programme, UUID first, UUID second, List<InitiativeEvent> events) {
    }

    /**
     * Submissions, then withdrawals, recognitions and duplicates of some of them, spread over two new provinces of
     * 20,000 members in a new programme.
     */
    private static TwoProvinces stream(String firstName, String secondName, int initiatives) {
        String programme = Fixtures.newProgramme();
        UUID first = Fixtures.province(firstName, 20_000);
        UUID second = Fixtures.province(secondName, 20_000);
        List<InitiativeEvent> events = new ArrayList<>();
        List<InitiativeEvent> submitted = new ArrayList<>();
        for (int i = 0; i < initiatives; i++) {
            InitiativeEvent e = submitted(programme, i % 3 == 0 ? second : first, "m-" + (i % 7));
            submitted.add(e);
            events.add(e);
        }
        for (int i = 0; i < initiatives; i++) {
            InitiativeEvent e = submitted.get(i);
            switch (i % 4) {
                case 0 -> events.add(next(e, InitiativeStatus.WITHDRAWN));
                case 1 -> events.add(next(next(e, InitiativeStatus.UNDER_REVIEW), InitiativeStatus.RECOGNIZED));
                case 2 -> events.add(next(e, InitiativeStatus.DUPLICATE));
                default -> events.add(next(e, InitiativeStatus.UNDER_REVIEW));
            }
        }
        return new TwoProvinces(programme, first, second, events);
    }

    private static void awaitCounts(String programme, Map<UUID, Long> expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = standings(programme);
            // a row not there yet is one more reason to wait, not an error
            expected.forEach((province, submissions) -> assertThat(
                    body.<Number>get(Fixtures.row(province) + ".submissions")).as("submissions of " + province)
                    .isNotNull().extracting(Number::longValue).isEqualTo(submissions));
        });
    }

    @Test
    void aRestartMidStreamEndsWithTheSameStandingsAndAFullReplayChangesNothing() {
        TwoProvinces stream = stream("Liên đoàn Lao động tỉnh Lạng Sơn",
                "Liên đoàn Lao động tỉnh Cao Bằng", 24);
        String programme = stream.programme();
        List<InitiativeEvent> events = stream.events();
        List<InitiativeEvent> firstHalf = events.subList(0, events.size() / 2);
        List<InitiativeEvent> secondHalf = events.subList(events.size() / 2, events.size());

        send(firstHalf);
        awaitCounts(programme, expected(firstHalf));
        consumer.stop();
        try {
            send(secondHalf);
        } finally {
            consumer.start();
        }
        awaitCounts(programme, expected(events));
        JsonPath settled = standings(programme);

        // as after a crash between the database commit and the offset commit: every record comes again
        Set<String> keys = events.stream().map(e -> e.initiativeId().toString()).collect(Collectors.toSet());
        var records = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> keys.contains(EventJson.read(r.value(), InitiativeEvent.class).initiativeId().toString()),
                events.size(), WAIT);
        assertThat(records).hasSize(events.size());
        consumer.handle(records);

        JsonPath replayed = standings(programme);
        for (UUID province : List.of(stream.first(), stream.second())) {
            for (String figure : List.of("submissions", "submitters", "recognized", "today", "thisWeek")) {
                String path = Fixtures.row(province) + "." + figure;
                assertThat(replayed.getLong(path)).as(figure).isEqualTo(settled.getLong(path));
            }
        }
    }

    @Test
    void twoInstancesInOneGroupEndWithTheSameStandingsAsOne() {
        TwoProvinces stream = stream("Liên đoàn Lao động tỉnh Bắc Giang",
                "Liên đoàn Lao động tỉnh Thái Nguyên", 40);
        List<InitiativeEvent> events = stream.events();

        try (ConsumerLoop otherInstance = new ConsumerLoop(kafkaConfig, StandingsConsumer.GROUP_ID,
                Topics.INITIATIVE_EVENTS, topics, consumer::handle)) {
            otherInstance.start();
            send(events.subList(0, 30));
            send(events.subList(30, events.size()));
            awaitCounts(stream.programme(), expected(events));
        }
    }

    @Test
    void aConsumerThatKeepsFailingIsReportedToMonitoringUntilItAppliesAgain() {
        String group = "ranking-service.failing-" + UUID.randomUUID();
        String consumers = "checks.find { it.name == 'consumers' }";
        String failing = consumers + ".data.'" + group + " failing'";
        AtomicBoolean broken = new AtomicBoolean(true);
        try (ConsumerLoop loop = new ConsumerLoop(kafkaConfig, group, Topics.INITIATIVE_EVENTS, topics, records -> {
            if (broken.get()) {
                throw new IllegalStateException("a batch this consumer cannot apply");
            }
        })) {
            loop.start();
            send(List.of(submitted(Fixtures.newProgramme(), Fixtures.province("Liên đoàn Lao động tỉnh Cao Bằng",
                    10_000), "m-a")));
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                    .body(consumers + ".status", equalTo("DOWN"))
                    .body(failing, containsString("a batch this consumer cannot apply")));

            broken.set(false);
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/well").then()
                    .body(consumers + ".status", equalTo("UP"))
                    .body(failing, nullValue())
                    .body(consumers + ".data.'" + group + " lag'", equalTo(0)));
        }
    }

    @Test
    void oneBatchHoldingSeveralChangesOfOneInitiativeCountsOnlyWhereItEnds() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Bắc Kạn", 10_000);
        InitiativeEvent first = submitted(programme, province, "m-a", "m-b");
        InitiativeEvent second = submitted(programme, province, "m-a");
        InitiativeEvent firstWithdrawn = Fixtures.next(first, InitiativeStatus.WITHDRAWN);
        InitiativeEvent secondReviewed = Fixtures.next(Fixtures.next(second, InitiativeStatus.UNDER_REVIEW),
                InitiativeStatus.RECOGNIZED);

        assertThat(updater.applyAll(CounterSet.LIVE, List.of(first, second, firstWithdrawn, first, secondReviewed)))
                .isEqualTo(4);
        await().atMost(WAIT).untilAsserted(() -> assertThat(Fixtures.rowOf(standings(programme), province))
                .containsEntry("submissions", 1).containsEntry("submitters", 1).containsEntry("recognized", 1));

        InitiativeEvent secondDuplicate = Fixtures.next(secondReviewed, InitiativeStatus.DUPLICATE);
        assertThat(updater.applyAll(CounterSet.LIVE, List.of(secondDuplicate, secondReviewed, firstWithdrawn)))
                .isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(Fixtures.rowOf(standings(programme), province))
                .containsEntry("submissions", 0).containsEntry("submitters", 0).containsEntry("recognized", 0)
                .containsEntry("today", 0));
    }

    @Test
    void twoOwnersApplyingTheSameNewInitiativesAtOnceCountThemOnce() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Tuyên Quang", 20_000);
        List<InitiativeEvent> events = IntStream.range(0, 30)
                .mapToObj(i -> submitted(programme, province, "m-" + i)).toList();
        ExecutorService owners = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> applied = new ArrayList<>();
            for (int owner = 0; owner < 2; owner++) {
                applied.add(owners.submit(() -> {
                    together.await();
                    int count = 0;
                    for (InitiativeEvent event : events) {
                        count += updater.applyAll(CounterSet.LIVE, List.of(event));
                    }
                    return count;
                }));
            }
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get(20, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(events.size());
        } finally {
            owners.shutdownNow();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(Fixtures.rowOf(standings(programme), province))
                .containsEntry("submissions", 30).containsEntry("submitters", 30).containsEntry("today", 30));
    }
}
