package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The counting rule: what a change of an initiative's state does to the counters, summed over a batch. An initiative
 * that counts as a submission adds one to its province's submissions, to its recognised initiatives when it is
 * recognised, and to the count of each of its distinct authors in that province; a change of state takes off what the
 * old state added and adds what the new one does. A member whose count in a province rises from zero becomes one of
 * its submitters, and one whose count falls to zero stops being one.
 * <p>
 * The same changes are kept by day, in the standings' time zone: each of the {@link InitiativeState#days days} an
 * initiative counts on adds to its province's figures of that day (a submission on the day it was submitted, and
 * takes it off on the day it ended; a recognition on the day it was recognised) and to its authors' counts of that
 * day. Summed up to a day, they give the figures at the end of that day, however late an event came. When a member's
 * counts of a day are written, {@link #memberDaysCounted} turns the days their running count crosses zero into the
 * days the member became or stopped being a submitter, in the province and in the country.
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

    /** The number of a programme's provinces a member is a submitter in; also a member in a whole programme. */
    public record ReachKey(String programmeCode, String memberId) {
    }

    /** The figures of a province on a day. */
    public record DayKey(ProvinceKey province, LocalDate day) {
    }

    /** A member's count in a province on a day. */
    public record MemberDayKey(MemberKey member, LocalDate day) {
    }

    /** The country's figures of a programme on a day. */
    public record NationDayKey(String programmeCode, LocalDate day) {
    }

    /** One row of a member's counts by day, as stored after this batch's changes. */
    public record MemberDay(UUID provinceId, LocalDate day, int initiatives) {
    }

    /** The changes of a province's totals, or of its figures on a day. */
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
    private static final Comparator<MemberKey> BY_MEMBER = Comparator.comparing(MemberKey::province, BY_PROVINCE)
            .thenComparing(MemberKey::memberId);
    private static final Comparator<ReachKey> BY_REACH = Comparator.comparing(ReachKey::programmeCode)
            .thenComparing(ReachKey::memberId);

    private final ZoneId zone;
    private final SortedMap<ProvinceKey, Totals> provinces = new TreeMap<>(BY_PROVINCE);
    private final SortedMap<MemberKey, Integer> members = new TreeMap<>(BY_MEMBER);
    private final SortedMap<DayKey, Totals> days = new TreeMap<>(
            Comparator.comparing(DayKey::day).thenComparing(DayKey::province, BY_PROVINCE));
    private final SortedMap<ReachKey, Integer> reach = new TreeMap<>(BY_REACH);
    private final SortedMap<MemberDayKey, Integer> memberDays = new TreeMap<>(
            Comparator.comparing(MemberDayKey::member, BY_MEMBER).thenComparing(MemberDayKey::day));
    private final SortedMap<NationDayKey, Long> nationDays = new TreeMap<>(
            Comparator.comparing(NationDayKey::programmeCode).thenComparing(NationDayKey::day));

    /** @param zone the time zone of the days initiatives are counted on */
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
        ProvinceKey province = new ProvinceKey(state.programmeCode(), state.provinceId());
        List<String> authors = state.authorIds().stream().distinct().toList();
        if (state.status().countsAsSubmission()) {
            provinces.merge(province, new Totals(sign, state.status().countsAsRecognized() ? sign : 0, 0),
                    Totals::plus);
            authors.forEach(m -> members.merge(new MemberKey(province, m), sign, Integer::sum));
        }
        InitiativeState.CountedDays counted = state.days(zone);
        if (counted.submitted() == null) {
            return;
        }
        dayChange(province, counted.submitted(), new Totals(sign, 0, 0));
        authors.forEach(m -> memberDays.merge(new MemberDayKey(new MemberKey(province, m), counted.submitted()),
                sign, Integer::sum));
        if (counted.recognized() != null) {
            dayChange(province, counted.recognized(), new Totals(0, sign, 0));
        }
        if (counted.ended() != null) {
            dayChange(province, counted.ended(), new Totals(-sign, counted.recognized() != null ? -sign : 0, 0));
            authors.forEach(m -> memberDays.merge(new MemberDayKey(new MemberKey(province, m), counted.ended()),
                    -sign, Integer::sum));
        }
    }

    private void dayChange(ProvinceKey province, LocalDate day, Totals change) {
        days.merge(new DayKey(province, day), change, Totals::plus);
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

    /**
     * A member's counts by day in every province of a programme, as they stand with this batch's changes: the days
     * the member's running count crosses zero, in a province and in all of them, before and after this batch, give
     * the changes of the submitters of those days.
     */
    public void memberDaysCounted(ReachKey member, List<MemberDay> stored) {
        Map<UUID, SortedMap<LocalDate, Integer>> after = new HashMap<>();
        Map<UUID, SortedMap<LocalDate, Integer>> before = new HashMap<>();
        SortedMap<LocalDate, Integer> nationAfter = new TreeMap<>();
        SortedMap<LocalDate, Integer> nationBefore = new TreeMap<>();
        for (MemberDay row : stored) {
            int change = memberDays.getOrDefault(new MemberDayKey(new MemberKey(
                    new ProvinceKey(member.programmeCode(), row.provinceId()), member.memberId()), row.day()), 0);
            after.computeIfAbsent(row.provinceId(), p -> new TreeMap<>()).merge(row.day(), row.initiatives(),
                    Integer::sum);
            before.computeIfAbsent(row.provinceId(), p -> new TreeMap<>()).merge(row.day(),
                    row.initiatives() - change, Integer::sum);
            nationAfter.merge(row.day(), row.initiatives(), Integer::sum);
            nationBefore.merge(row.day(), row.initiatives() - change, Integer::sum);
        }
        after.forEach((province, days) -> {
            ProvinceKey key = new ProvinceKey(member.programmeCode(), province);
            SortedMap<LocalDate, Integer> change = crossingChanges(before.get(province), days);
            change.forEach((day, submitters) -> dayChange(key, day, new Totals(0, 0, submitters)));
        });
        crossingChanges(nationBefore, nationAfter).forEach((day, submitters) ->
                nationDays.merge(new NationDayKey(member.programmeCode(), day), (long) submitters, Long::sum));
    }

    /** How the days a running count crosses zero changed, as a change of the count of those above zero by day. */
    private static SortedMap<LocalDate, Integer> crossingChanges(SortedMap<LocalDate, Integer> before,
            SortedMap<LocalDate, Integer> after) {
        SortedMap<LocalDate, Integer> change = crossings(after);
        crossings(before).forEach((day, c) -> change.merge(day, -c, Integer::sum));
        change.values().removeIf(c -> c == 0);
        return change;
    }

    /** The days a running count, summed day by day, rises above zero (+1) or falls back to it (-1). */
    static SortedMap<LocalDate, Integer> crossings(SortedMap<LocalDate, Integer> changes) {
        SortedMap<LocalDate, Integer> crossings = new TreeMap<>();
        long running = 0;
        for (Map.Entry<LocalDate, Integer> e : changes.entrySet()) {
            boolean was = running > 0;
            running += e.getValue();
            boolean is = running > 0;
            if (was != is) {
                crossings.put(e.getKey(), is ? 1 : -1);
            }
        }
        return crossings;
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

    /**
     * The changes of each province's figures by day; those of its submitters as {@link #memberDaysCounted} found
     * them.
     */
    public SortedMap<DayKey, Totals> days() {
        return Collections.unmodifiableSortedMap(days);
    }

    /** The changes of the members' counts by day in each province. */
    public SortedMap<MemberDayKey, Integer> memberDays() {
        return Collections.unmodifiableSortedMap(memberDays);
    }

    /** The members whose counts by day change, each once, in key order. */
    public SortedSet<ReachKey> membersByDay() {
        SortedSet<ReachKey> keys = new TreeSet<>(BY_REACH);
        memberDays.forEach((k, v) -> {
            if (v != 0) {
                keys.add(new ReachKey(k.member().province().programmeCode(), k.member().memberId()));
            }
        });
        return keys;
    }

    /** The changes of the country's submitters by day, as {@link #memberDaysCounted} found them. */
    public SortedMap<NationDayKey, Long> nationDays() {
        return Collections.unmodifiableSortedMap(nationDays);
    }
}
