package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The counting rule: what a change of an initiative's state does to the counters, summed over a batch. An initiative
 * that counts as a submission adds one to its province's submissions, to its recognised initiatives when it is
 * recognised, to the submissions of the day it was submitted (in the standings' time zone) and to the count of each
 * of its distinct authors in that province; a change of state takes off what the old state added and adds what the
 * new one does. A member whose count in a province rises from zero becomes one of its submitters, and one whose
 * count falls to zero stops being one.
 * <p>
 * Every map is sorted by key, so that the changes are written in one order and instances working on different
 * partitions lock shared rows alike.
 */
public final class CounterChanges {

    /** A province's counters in a programme. */
    public record ProvinceKey(String programmeCode, UUID provinceId) {
    }

    /** A member's count of initiatives in a province. */
    public record MemberKey(ProvinceKey province, String memberId) {
    }

    /** The number of a programme's provinces a member is a submitter in. */
    public record ReachKey(String programmeCode, String memberId) {
    }

    /** The submissions of a province on a day. */
    public record DayKey(ProvinceKey province, LocalDate day) {
    }

    /** The changes of a province's totals. */
    public record Totals(long submissions, long recognized, long submitters) {

        static final Totals NONE = new Totals(0, 0, 0);

        Totals plus(Totals o) {
            return new Totals(submissions + o.submissions, recognized + o.recognized, submitters + o.submitters);
        }

        public boolean isNone() {
            return equals(NONE);
        }
    }

    private static final Comparator<ProvinceKey> BY_PROVINCE = Comparator.comparing(ProvinceKey::programmeCode)
            .thenComparing(ProvinceKey::provinceId);

    private final ZoneId zone;
    private final SortedMap<ProvinceKey, Totals> provinces = new TreeMap<>(BY_PROVINCE);
    private final SortedMap<MemberKey, Integer> members = new TreeMap<>(
            Comparator.comparing(MemberKey::province, BY_PROVINCE).thenComparing(MemberKey::memberId));
    private final SortedMap<DayKey, Long> days = new TreeMap<>(
            Comparator.comparing(DayKey::day).thenComparing(DayKey::province, BY_PROVINCE));
    private final SortedMap<ReachKey, Integer> reach = new TreeMap<>(
            Comparator.comparing(ReachKey::programmeCode).thenComparing(ReachKey::memberId));

    /** @param zone the time zone of the days submissions are counted in */
    public CounterChanges(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * An initiative moved from {@code before} to {@code after}.
     *
     * @param before its state before; null for an initiative not counted yet
     */
    public void change(InitiativeState before, InitiativeState after) {
        if (before != null) {
            add(before, -1);
        }
        add(after, +1);
    }

    private void add(InitiativeState state, int sign) {
        if (!state.status().countsAsSubmission()) {
            return;
        }
        ProvinceKey province = new ProvinceKey(state.programmeCode(), state.provinceId());
        provinces.merge(province, new Totals(sign, state.status().countsAsRecognized() ? sign : 0, 0), Totals::plus);
        state.authorIds().stream().distinct()
                .forEach(m -> members.merge(new MemberKey(province, m), sign, Integer::sum));
        if (state.submittedAt() != null) {
            days.merge(new DayKey(province, state.submittedAt().atZone(zone).toLocalDate()), (long) sign, Long::sum);
        }
    }

    /**
     * A member's count in a province now stands at {@code count}, this batch's change included: crossing zero, the
     * member becomes or stops being one of the province's submitters, and a submitter in one province more or less.
     */
    public void memberCounted(MemberKey member, int count) {
        int before = count - members.getOrDefault(member, 0);
        int change = (count > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
        if (change != 0) {
            provinces.merge(member.province(), new Totals(0, 0, change), Totals::plus);
            reach.merge(new ReachKey(member.province().programmeCode(), member.memberId()), change, Integer::sum);
        }
    }

    /** The changes of the provinces' totals; those of their submitters as {@link #memberCounted} found them. */
    public SortedMap<ProvinceKey, Totals> provinces() {
        return Collections.unmodifiableSortedMap(provinces);
    }

    /** The changes of the members' counts of initiatives in each province. */
    public SortedMap<MemberKey, Integer> members() {
        return Collections.unmodifiableSortedMap(members);
    }

    /** The changes of the number of provinces each member is a submitter in, as {@link #memberCounted} found them. */
    public SortedMap<ReachKey, Integer> reach() {
        return Collections.unmodifiableSortedMap(reach);
    }

    /** The changes of the submissions of each province by day of submission. */
    public SortedMap<DayKey, Long> days() {
        return Collections.unmodifiableSortedMap(days);
    }
}
