package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.ranking.service.CounterChanges.DayKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.MemberKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.ProvinceKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.ReachKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.Totals;

class CounterChangesTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String PROGRAMME = "1-trieu-sang-kien";
    private static final UUID THANH_HOA = UUID.randomUUID();
    private static final UUID NGHE_AN = UUID.randomUUID();
    /** 15 April 2022 in Vietnam, still 14 April in UTC. */
    private static final Instant EVENING = Instant.parse("2022-04-14T18:30:00Z");
    private static final LocalDate APRIL_15 = LocalDate.of(2022, 4, 15);
    /** 2 May 2022 in Vietnam. */
    private static final Instant MAY_2 = Instant.parse("2022-05-02T02:00:00Z");
    private static final LocalDate MAY_2_DAY = LocalDate.of(2022, 5, 2);

    private final CounterChanges changes = new CounterChanges(VIETNAM);

    private static InitiativeState state(UUID province, InitiativeStatus status, String... authors) {
        return new InitiativeState(UUID.randomUUID(), PROGRAMME, province, status, List.of(authors),
                status == InitiativeStatus.DRAFT ? null : EVENING,
                status == InitiativeStatus.RECOGNIZED ? EVENING : null, null, 1);
    }

    /** The state after a change on 2 May 2022. */
    private static InitiativeState next(InitiativeState s, InitiativeStatus status) {
        boolean ended = status == InitiativeStatus.WITHDRAWN || status == InitiativeStatus.DUPLICATE;
        Instant recognizedAt = status == InitiativeStatus.RECOGNIZED ? MAY_2 : ended ? s.recognizedAt() : null;
        return new InitiativeState(s.initiativeId(), s.programmeCode(), s.provinceId(), status, s.authorIds(),
                s.submittedAt(), recognizedAt, ended ? MAY_2 : null, s.version() + 1);
    }

    private static DayKey day(UUID province, LocalDate day) {
        return new DayKey(province(province), day);
    }

    private static ProvinceKey province(UUID id) {
        return new ProvinceKey(PROGRAMME, id);
    }

    @Test
    void aSubmissionCountsInItsProvinceOnTheDayOfVietnamAndForEachAuthorOnce() {
        changes.change(null, state(THANH_HOA, InitiativeStatus.SUBMITTED, "m-a", "m-b", "m-a"));

        assertThat(changes.provinces()).containsExactly(Map.entry(province(THANH_HOA), new Totals(1, 0, 0)));
        assertThat(changes.days()).containsExactly(Map.entry(day(THANH_HOA, APRIL_15), new Totals(1, 0, 0)));
        assertThat(changes.members()).containsExactly(
                Map.entry(new MemberKey(province(THANH_HOA), "m-a"), 1),
                Map.entry(new MemberKey(province(THANH_HOA), "m-b"), 1));
    }

    @Test
    void aDraftCountsForNothing() {
        changes.change(null, state(THANH_HOA, InitiativeStatus.DRAFT, "m-a"));

        assertThat(changes.provinces()).isEmpty();
        assertThat(changes.members()).isEmpty();
        assertThat(changes.days()).isEmpty();
    }

    @Test
    void aRecognisedInitiativeCountsAsRecognisedFromTheDayOfRecognitionNotTheDayOfSubmission() {
        InitiativeState reviewed = state(THANH_HOA, InitiativeStatus.UNDER_REVIEW, "m-a");
        changes.change(reviewed, next(reviewed, InitiativeStatus.RECOGNIZED));

        assertThat(changes.provinces()).containsExactly(Map.entry(province(THANH_HOA), new Totals(0, 1, 0)));
        assertThat(changes.members()).containsExactly(Map.entry(new MemberKey(province(THANH_HOA), "m-a"), 0));
        assertThat(changes.days()).containsEntry(day(THANH_HOA, APRIL_15), Totals.NONE)
                .containsEntry(day(THANH_HOA, MAY_2_DAY), new Totals(0, 1, 0));
    }

    @Test
    void aWithdrawalOrADuplicateTakesBackWhatTheSubmissionAddedOnTheDayItHappened() {
        InitiativeState withdrawn = state(THANH_HOA, InitiativeStatus.SUBMITTED, "m-a");
        InitiativeState duplicate = state(THANH_HOA, InitiativeStatus.RECOGNIZED, "m-b");
        changes.change(withdrawn, next(withdrawn, InitiativeStatus.WITHDRAWN));
        changes.change(duplicate, next(duplicate, InitiativeStatus.DUPLICATE));

        assertThat(changes.provinces()).containsExactly(Map.entry(province(THANH_HOA), new Totals(-2, -1, 0)));
        assertThat(changes.days()).containsEntry(day(THANH_HOA, APRIL_15), Totals.NONE)
                .containsEntry(day(THANH_HOA, MAY_2_DAY), new Totals(-2, -1, 0));
        assertThat(changes.members().values()).containsExactly(-1, -1);
    }

    @Test
    void aStateCountsOnItsDaysWhatItCountsToday() {
        for (InitiativeStatus status : InitiativeStatus.values()) {
            CounterChanges one = new CounterChanges(VIETNAM);
            InitiativeState submitted = state(THANH_HOA, InitiativeStatus.SUBMITTED, "m-a");
            one.change(null, next(submitted, status));

            Totals byDay = one.days().values().stream().reduce(Totals.NONE, Totals::plus);
            assertThat(byDay).as(status.name()).isEqualTo(one.provinces().getOrDefault(province(THANH_HOA),
                    Totals.NONE));
        }
    }

    /**
     * Member m-a, first counted on 2 May in {@code countedIn}, submits an initiative of 15 April in {@code province};
     * the counters then give the member's counted days.
     */
    private void backdatedSubmission(UUID province, UUID countedIn) {
        changes.change(null, state(province, InitiativeStatus.SUBMITTED, "m-a"));

        changes.memberDaysCounted(new ReachKey(PROGRAMME, "m-a"), List.of(
                new CounterChanges.MemberDay(province, APRIL_15, 1),
                new CounterChanges.MemberDay(countedIn, MAY_2_DAY, 1)));
    }

    /** The country counts the member among its submitters from 15 April instead of from 2 May. */
    private void assertTheCountrysSubmitterMovedTo15April() {
        assertThat(changes.nationDays()).containsExactly(
                Map.entry(new CounterChanges.NationDayKey(PROGRAMME, APRIL_15), 1L),
                Map.entry(new CounterChanges.NationDayKey(PROGRAMME, MAY_2_DAY), -1L));
    }

    @Test
    void aBackdatedInitiativeMakesItsAuthorASubmitterFromItsOwnDay() {
        backdatedSubmission(THANH_HOA, THANH_HOA);

        assertThat(changes.days()).containsEntry(day(THANH_HOA, APRIL_15), new Totals(1, 0, 1))
                .containsEntry(day(THANH_HOA, MAY_2_DAY), new Totals(0, 0, -1));
        assertTheCountrysSubmitterMovedTo15April();
    }

    @Test
    void aMemberInTwoProvincesIsOneOfTheCountrysSubmittersFromTheFirstDay() {
        backdatedSubmission(NGHE_AN, THANH_HOA);

        assertThat(changes.days()).containsEntry(day(NGHE_AN, APRIL_15), new Totals(1, 0, 1))
                .doesNotContainKey(day(THANH_HOA, MAY_2_DAY));
        assertTheCountrysSubmitterMovedTo15April();
    }

    @Test
    void anInitiativeMovedToAnotherProvinceLeavesOneAndCountsInTheOther() {
        InitiativeState before = state(THANH_HOA, InitiativeStatus.SUBMITTED, "m-a");
        changes.change(before, new InitiativeState(before.initiativeId(), PROGRAMME, NGHE_AN, before.status(),
                before.authorIds(), before.submittedAt(), null, null, 2));

        assertThat(changes.provinces()).containsEntry(province(THANH_HOA), new Totals(-1, 0, 0))
                .containsEntry(province(NGHE_AN), new Totals(1, 0, 0));
    }

    @Test
    void aMemberBecomesASubmitterWhenTheirCountRisesFromZeroAndStopsWhenItFallsToZero() {
        changes.change(null, state(THANH_HOA, InitiativeStatus.SUBMITTED, "m-first", "m-again"));
        InitiativeState gone = state(NGHE_AN, InitiativeStatus.SUBMITTED, "m-gone");
        changes.change(gone, next(gone, InitiativeStatus.WITHDRAWN));

        changes.memberCounted(new MemberKey(province(THANH_HOA), "m-first"), 1);
        changes.memberCounted(new MemberKey(province(THANH_HOA), "m-again"), 3);
        changes.memberCounted(new MemberKey(province(NGHE_AN), "m-gone"), 0);

        assertThat(changes.provinces()).containsEntry(province(THANH_HOA), new Totals(1, 0, 1))
                .containsEntry(province(NGHE_AN), new Totals(-1, 0, -1));
        assertThat(changes.reach()).containsExactly(
                Map.entry(new ReachKey(PROGRAMME, "m-first"), 1),
                Map.entry(new ReachKey(PROGRAMME, "m-gone"), -1));
    }

    @Test
    void changesAreKeptInKeyOrderSoThatInstancesLockRowsAlike() {
        List<String> members = List.of("m-c", "m-a", "m-b");
        members.forEach(m -> changes.change(null, state(THANH_HOA, InitiativeStatus.SUBMITTED, m)));

        assertThat(changes.members().keySet()).extracting(MemberKey::memberId).containsExactly("m-a", "m-b", "m-c");
    }
}
