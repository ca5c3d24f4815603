package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.Fixtures;
import vn.congdoan.sangkien.ranking.WithRankingResources;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository.Figures;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * A subtree held in memory counts what the database counts, on every day and for every row, after it was first read
 * as the initiatives below it are submitted, recognised and withdrawn, and after its units are moved.
 */
@QuarkusTest
@WithRankingResources
class SubtreesTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2022-03-20"), LocalDate.parse("2022-03-19"),
            LocalDate.parse("2022-03-13"), LocalDate.parse("2022-03-12"), LocalDate.parse("2022-03-05"),
            LocalDate.parse("2022-02-27"), LocalDate.parse("2022-03-31"), LocalDate.parse("2022-02-01"));

    @Inject
    Subtrees subtrees;
    @Inject
    UnitFiguresRepository figures;
    @Inject
    UnitRepository units;
    @Inject
    Revision revision;
    @Inject
    UnitStandings standings;
    @Inject
    ReferenceLookups lookups;
    @Inject
    Views views;

    private String programme;
    private final UUID province = UUID.randomUUID();
    private final List<UUID> districts = List.of(UUID.randomUUID(), UUID.randomUUID());
    private final List<UUID> grassroots = new ArrayList<>();

    @Test
    void aHeldSubtreeCountsWhatTheDatabaseCountsAsInitiativesAndUnitsChange() {
        programme = Fixtures.newProgramme();
        unit(province, OrgUnitType.PROVINCIAL_FEDERATION, null, 0);
        districts.forEach(d -> unit(d, OrgUnitType.DIRECT_SUPERIOR, province, 0));
        for (int i = 0; i < 6; i++) {
            UUID g = UUID.randomUUID();
            grassroots.add(g);
            unit(g, OrgUnitType.GRASSROOTS, districts.get(i % 2), 0);
        }
        await().atMost(Fixtures.WAIT).until(() -> units.below(province).size() == 8);

        List<InitiativeEvent> first = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // a shared author every third initiative, two authors every fifth: distinct submitters differ from counts
            List<String> authors = i % 5 == 0 ? List.of("m-" + i, "m-shared") : List.of(i % 3 == 0 ? "m-shared"
                    : "m-" + i);
            first.add(submitted(grassroots.get(i % grassroots.size()), "2022-02-" + (10 + i % 18), authors));
        }
        send(first);
        Subtree held = agree(24);

        List<InitiativeEvent> second = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            second.add(submitted(grassroots.get(i % 3), "2022-03-" + (10 + i), List.of("m-later-" + (i % 4))));
        }
        second.add(changed(first.get(0), InitiativeStatus.RECOGNIZED, "2022-03-12", null));
        second.add(changed(first.get(1), InitiativeStatus.RECOGNIZED, "2022-03-20", null));
        second.add(changed(first.get(2), InitiativeStatus.WITHDRAWN, null, "2022-03-13"));
        second.add(changed(first.get(3), InitiativeStatus.DRAFT, null, null));
        send(second);
        // eight more; one withdrawn and one drafted back no longer count by the end of March
        assertThat(agree(30)).as("brought up to date, not read again").isSameAs(held);

        // the second grassroots union moves to the other district, with what was submitted through it
        unit(grassroots.get(1), OrgUnitType.GRASSROOTS, districts.get(0), 1);
        await().atMost(Fixtures.WAIT).until(() -> units.below(districts.get(0)).contains(unitNamed(grassroots.get(1))));
        assertThat(agree(30)).as("read again after the units changed").isNotSameAs(held);
    }

    /**
     * Once the database counts {@code counted} initiatives at the end of March, the held subtree's figures equal the
     * database's for the districts and the grassroots unions, on every day.
     */
    private Subtree agree(long counted) {
        Unit root = units.find(province.toString()).orElseThrow();
        Subtree[] held = new Subtree[1];
        await().atMost(Fixtures.WAIT).untilAsserted(() -> {
            held[0] = subtrees.of(programme, root, revision.current()).orElseThrow();
            for (OrgUnitType level : new OrgUnitType[] {null, OrgUnitType.GRASSROOTS}) {
                UnitIndex.Rows rows = held[0].units.rows(root, level, DAYS.get(0));
                Map<UUID, Figures> byRow = figures.figures(programme, rows.byId(), DAYS, 3);
                RowFigures expected = RowFigures.of(rows, byRow, DAYS.size());
                RowFigures actual = held[0].figures(rows, DAYS, 3);
                assertThat(byRow.values().stream().mapToLong(f -> f.submissions()[6]).sum()).isEqualTo(counted);
                assertThat(rows.count()).as("rows").isEqualTo(level == null ? 2 : 6);
                assertThat(actual.submissions()).as("submissions").containsExactly(expected.submissions());
                assertThat(actual.recognized()).as("recognised").containsExactly(expected.recognized());
                assertThat(actual.submitters()).as("submitters").containsExactly(expected.submitters());
            }
        });
        // and the standings counted from it equal those counted in the database, row for row
        UnitStandings fromDatabase = new UnitStandings(units, figures, lookups, revision, views,
                new Subtrees(units, figures) {
                    @Override
                    Optional<Subtree> of(String programme, Unit root, Revision.Current current) {
                        return Optional.empty();
                    }
                });
        for (OrgUnitType level : new OrgUnitType[] {null, OrgUnitType.GRASSROOTS}) {
            for (Metric sort : new Metric[] {Metric.SUBMISSIONS, Metric.SUBMITTERS, Metric.MOVEMENT_SINCE_LAST_WEEK}) {
                for (LocalDate day : List.of(DAYS.get(0), DAYS.get(2))) {
                    assertThat(standings.ranked(programme, root, level, sort, day).rows())
                            .as("%s by %s on %s", level, sort, day)
                            .isEqualTo(fromDatabase.ranked(programme, root, level, sort, day).rows());
                }
            }
        }
        return held[0];
    }

    private Unit unitNamed(UUID id) {
        return units.find(id.toString()).orElseThrow();
    }

    private void unit(UUID id, OrgUnitType type, UUID parent, long version) {
        TopicProbe.send(Topics.ORG_UNITS, id.toString(), EventJson.write(new OrgUnitState(id,
                "S" + id.toString().substring(0, 8), "Đơn vị " + id.toString().substring(0, 4), type, parent,
                province, 100, null, LocalDate.parse("2021-01-01"), null, null, version, null)));
    }

    private InitiativeEvent submitted(UUID unit, String day, List<String> authors) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, Instant.now(),
                UUID.randomUUID(), 1, programme, unit, province, InitiativeStatus.SUBMITTED, authors, at(day), null,
                null, "PRODUCTION_TECHNICAL");
    }

    private static InitiativeEvent changed(InitiativeEvent e, InitiativeStatus status, String recognized,
            String ended) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.UPDATED, Instant.now(), e.initiativeId(),
                e.version() + 1, e.programmeCode(), e.unitId(), e.provinceId(), status, e.authorIds(),
                e.submittedAt(), recognized == null ? null : at(recognized), ended == null ? null : at(ended),
                e.field());
    }

    private static void send(List<InitiativeEvent> events) {
        Fixtures.send(events);
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(LocalTime.of(9, 0)).atZone(VIETNAM).toInstant();
    }
}
