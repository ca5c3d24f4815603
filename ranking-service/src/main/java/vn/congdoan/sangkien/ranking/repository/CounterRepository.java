package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.ranking.service.CounterChanges.DayKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.MemberDay;
import vn.congdoan.sangkien.ranking.service.CounterChanges.MemberDayKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.MemberKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.NationDayKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.ProvinceKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.ReachKey;
import vn.congdoan.sangkien.ranking.service.CounterChanges.Totals;
import vn.congdoan.sangkien.ranking.service.CounterChanges;
import vn.congdoan.sangkien.ranking.service.CounterSet;

/**
 * Writes a batch's {@link CounterChanges} to the counters of a set, in the caller's transaction and in key order. A
 * change is passed apart from the inserted value because PostgreSQL checks the {@code >= 0} constraints on the row
 * proposed for insertion even when the conflict turns it into an update. The live counters never go below 0; the
 * rebuilt ones have no such checks and are not clamped, so that a rebuild reports a count that went below 0.
 */
@ApplicationScoped
public class CounterRepository {

    /** Adds rises to members' counts, inserting the members not counted yet; returns each one's count after. */
    private static final String MEMBERS_RISE = """
            insert into %s as s (programme_code, province_id, member_id, initiatives)
            select * from unnest(?::text[], ?::uuid[], ?::text[], ?::int[])
            on conflict (programme_code, province_id, member_id) do update
            set initiatives = s.initiatives + excluded.initiatives
            returning programme_code, province_id, member_id, initiatives
            """;

    /** Adds falls to members' counts; returns each one's count after. */
    private static final String MEMBERS_FALL = """
            update %s s set initiatives = s.initiatives + t.change
            from unnest(?::text[], ?::uuid[], ?::text[], ?::int[]) as t(programme_code, province_id, member_id, change)
            where s.programme_code = t.programme_code and s.province_id = t.province_id and s.member_id = t.member_id
            returning s.programme_code, s.province_id, s.member_id, s.initiatives
            """;

    /** Adds rises to the number of provinces members are submitters in, inserting the members not there yet. */
    private static final String REACH_RISE = """
            insert into %s as r (programme_code, member_id, provinces)
            select * from unnest(?::text[], ?::text[], ?::int[])
            on conflict (programme_code, member_id) do update set provinces = r.provinces + excluded.provinces
            """;

    /**
     * Adds falls to the number of provinces members are submitters in, never below 0 in the live counters: an
     * instance of an older version, still consuming during a rolling upgrade, counts submitters without this table,
     * and a batch refused by its check would be parked.
     */
    private static final String REACH_FALL = """
            update %s r set provinces = %s
            from unnest(?::text[], ?::text[], ?::int[]) as t(programme_code, member_id, change)
            where r.programme_code = t.programme_code and r.member_id = t.member_id
            """;

    /** Takes the rows of members in the order given, inserting those not there yet with 0 provinces. */
    private static final String REACH_LOCK = """
            insert into %s as r (programme_code, member_id, provinces)
            select t.programme_code, t.member_id, 0
            from unnest(?::text[], ?::text[]) with ordinality as t(programme_code, member_id, n)
            order by t.n
            on conflict (programme_code, member_id) do update set provinces = r.provinces
            """;

    /** Adds the changes of members' counts by day. */
    private static final String MEMBER_DAYS_ADD = """
            insert into %s as d (programme_code, member_id, province_id, day, initiatives)
            select * from unnest(?::text[], ?::text[], ?::uuid[], ?::date[], ?::int[])
            on conflict (programme_code, member_id, province_id, day)
            do update set initiatives = d.initiatives + excluded.initiatives
            """;

    /** Every count by day of the members given, in every province. */
    private static final String MEMBER_DAYS_READ = """
            select d.programme_code, d.member_id, d.province_id, d.day, d.initiatives
            from unnest(?::text[], ?::text[]) as t(programme_code, member_id)
            join %s d on d.programme_code = t.programme_code and d.member_id = t.member_id
            """;

    /**
     * Writes the members' counts first: crossing zero, they change the provinces' submitters and members' reach;
     * then the members' counts by day, which give the submitters by day.
     */
    public void write(Connection c, CounterSet set, CounterChanges changes) throws SQLException {
        writeMembers(c, set, changes, true);
        writeMembers(c, set, changes, false);
        lockReach(c, set, changes.reach(), changes.membersByDay());
        writeReach(c, set, changes.reach(), true);
        writeReach(c, set, changes.reach(), false);
        writeMemberDays(c, set, changes);
        writeProvinces(c, set, changes.provinces());
        writeDays(c, set, changes.days());
        writeNationDays(c, set, changes.nationDays());
    }

    /** {@code value}, clamped at 0 in the live counters only. */
    private static String atLeastZero(CounterSet set, String value) {
        return set == CounterSet.LIVE ? "greatest(" + value + ", 0)" : value;
    }

    /** Removes everything a set holds; a rebuild starts from nothing. */
    public void clear(Connection c, CounterSet set) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("truncate " + String.join(", ", set.table("initiative_state"), set.table("submitter"),
                    set.table("member_reach"), set.table("standing"), set.table("day_count"),
                    set.table("member_day"), set.table("nation_day"), set.table("consumed_position")));
        }
    }

    /**
     * Adds the members' changes (first the rises, inserting new members, then the falls) in one statement each, and
     * tells {@code changes} where each member's count stands now.
     */
    private static void writeMembers(Connection c, CounterSet set, CounterChanges changes, boolean rises)
            throws SQLException {
        List<Map.Entry<MemberKey, Integer>> members = ofSign(changes.members(), rises);
        if (members.isEmpty()) {
            return;
        }
        String sql = (rises ? MEMBERS_RISE : MEMBERS_FALL).formatted(set.table("submitter"));
        Jdbc.each(c, sql, rs -> {
            ProvinceKey province = new ProvinceKey(rs.getString(1), rs.getObject(2, UUID.class));
            changes.memberCounted(new MemberKey(province, rs.getString(3)), rs.getInt(4));
        }, members.stream().map(e -> e.getKey().province().programmeCode()).toArray(String[]::new),
                c.createArrayOf("uuid", members.stream().map(e -> e.getKey().province().provinceId()).toArray()),
                members.stream().map(e -> e.getKey().memberId()).toArray(String[]::new),
                members.stream().mapToInt(Map.Entry::getValue).toArray());
    }

    /**
     * Locks the rows of the members whose number of provinces or counts by day change, in key order, before any is
     * written, creating those not there yet (with 0). These rows are shared between instances (a member may submit
     * in provinces another instance counts): without this, one instance raising member a and lowering b while
     * another raised b and lowered a deadlocked, and two instances reading one member's counts by day in different
     * provinces would each miss the other's change to the country's submitters. A batch of rises alone, with no
     * count by day, is one statement, which takes its rows in the same order.
     */
    private static void lockReach(Connection c, CounterSet set, Map<ReachKey, Integer> reach,
            SortedSet<ReachKey> byDay) throws SQLException {
        SortedSet<ReachKey> keys = new TreeSet<>(byDay.comparator());
        keys.addAll(byDay);
        if (reach.values().stream().anyMatch(change -> change < 0)) {
            reach.forEach((key, change) -> {
                if (change != 0) {
                    keys.add(key);
                }
            });
        }
        if (keys.isEmpty()) {
            return;
        }
        Jdbc.update(c, REACH_LOCK.formatted(set.table("member_reach")),
                keys.stream().map(ReachKey::programmeCode).toArray(String[]::new),
                keys.stream().map(ReachKey::memberId).toArray(String[]::new));
    }

    /**
     * Adds the changes of the members' counts by day, then reads every count by day of those members, in every
     * province of the programme, and tells {@code changes}: the days their running counts cross zero give the
     * submitters by day.
     */
    private static void writeMemberDays(Connection c, CounterSet set, CounterChanges changes) throws SQLException {
        List<Map.Entry<MemberDayKey, Integer>> rows = changes.memberDays().entrySet().stream()
                .filter(e -> e.getValue() != 0).toList();
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.update(c, MEMBER_DAYS_ADD.formatted(set.table("member_day")),
                rows.stream().map(e -> e.getKey().member().province().programmeCode()).toArray(String[]::new),
                rows.stream().map(e -> e.getKey().member().memberId()).toArray(String[]::new),
                c.createArrayOf("uuid", rows.stream().map(e -> e.getKey().member().province().provinceId()).toArray()),
                c.createArrayOf("date", rows.stream().map(e -> e.getKey().day()).toArray()),
                rows.stream().mapToInt(Map.Entry::getValue).toArray());
        List<ReachKey> members = List.copyOf(changes.membersByDay());
        Map<ReachKey, List<MemberDay>> stored = new HashMap<>();
        Jdbc.each(c, MEMBER_DAYS_READ.formatted(set.table("member_day")),
                rs -> stored.computeIfAbsent(new ReachKey(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(new MemberDay(rs.getObject(3, UUID.class), rs.getObject(4, LocalDate.class),
                                rs.getInt(5))),
                members.stream().map(ReachKey::programmeCode).toArray(String[]::new),
                members.stream().map(ReachKey::memberId).toArray(String[]::new));
        for (ReachKey member : members) {
            changes.memberDaysCounted(member, stored.getOrDefault(member, List.of()));
        }
    }

    /**
     * Adds the changes in the number of provinces each member is a submitter in: first the rises, inserting new
     * members, then the falls, on rows {@link #lockReach} has locked.
     */
    private static void writeReach(Connection c, CounterSet set, Map<ReachKey, Integer> reach, boolean rises)
            throws SQLException {
        List<Map.Entry<ReachKey, Integer>> changes = ofSign(reach, rises);
        if (changes.isEmpty()) {
            return;
        }
        String sql = rises ? REACH_RISE.formatted(set.table("member_reach"))
                : REACH_FALL.formatted(set.table("member_reach"), atLeastZero(set, "r.provinces + t.change"));
        Jdbc.update(c, sql, changes.stream().map(e -> e.getKey().programmeCode()).toArray(String[]::new),
                changes.stream().map(e -> e.getKey().memberId()).toArray(String[]::new),
                changes.stream().mapToInt(Map.Entry::getValue).toArray());
    }

    private static void writeProvinces(Connection c, CounterSet set, Map<ProvinceKey, Totals> provinces)
            throws SQLException {
        Jdbc.batch(c, "insert into " + set.table("standing")
                + " (programme_code, province_id, submissions, recognized, submitters)"
                + " values (?, ?, " + atLeastZero(set, "?") + ", " + atLeastZero(set, "?") + ", " + atLeastZero(set, "?")
                + ")"
                + " on conflict (programme_code, province_id) do update set"
                + " submissions = standing.submissions + ?, recognized = standing.recognized + ?,"
                + " submitters = standing.submitters + ?", changed(provinces), e -> {
                    Totals d = e.getValue();
                    return new Object[] {e.getKey().programmeCode(), e.getKey().provinceId(), d.submissions(),
                        d.recognized(), d.submitters(), d.submissions(), d.recognized(), d.submitters()};
                });
    }

    /** Adds the changes of each province's figures by day: a day's change may be below zero. */
    private static void writeDays(Connection c, CounterSet set, Map<DayKey, Totals> days) throws SQLException {
        Jdbc.batch(c, "insert into " + set.table("day_count") + " as d"
                + " (programme_code, province_id, day, submissions, recognized, submitters) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (programme_code, day, province_id) do update set"
                + " submissions = d.submissions + excluded.submissions, recognized = d.recognized + excluded.recognized,"
                + " submitters = d.submitters + excluded.submitters", changed(days), e -> {
                    Totals d = e.getValue();
                    return new Object[] {e.getKey().province().programmeCode(), e.getKey().province().provinceId(),
                        e.getKey().day(), d.submissions(), d.recognized(), d.submitters()};
                });
    }

    /** Adds the changes of the country's distinct submitters by day. */
    private static void writeNationDays(Connection c, CounterSet set, Map<NationDayKey, Long> days)
            throws SQLException {
        Jdbc.batch(c, "insert into " + set.table("nation_day") + " as d"
                + " (programme_code, day, submitters) values (?, ?, ?)"
                + " on conflict (programme_code, day) do update set submitters = d.submitters + excluded.submitters",
                days.entrySet().stream().filter(e -> e.getValue() != 0).toList(),
                e -> new Object[] {e.getKey().programmeCode(), e.getKey().day(), e.getValue()});
    }

    /** The entries of {@code totals} that change something: a batch need not carry the others. */
    private static <K> List<Map.Entry<K, Totals>> changed(Map<K, Totals> totals) {
        return totals.entrySet().stream().filter(e -> !e.getValue().isNone()).toList();
    }

    /** The rises (or the falls) among {@code changes}, in key order. */
    private static <K> List<Map.Entry<K, Integer>> ofSign(Map<K, Integer> changes, boolean rises) {
        return changes.entrySet().stream().filter(e -> rises ? e.getValue() > 0 : e.getValue() < 0).toList();
    }
}
