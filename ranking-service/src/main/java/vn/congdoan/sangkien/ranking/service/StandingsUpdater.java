package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Applies initiative events to the running counts. The version applied to each initiative is recorded in the same
 * transaction as the counter changes, and an event not newer than it changes nothing: whatever the broker
 * redelivers, after a restart or a rebalance, or to a second instance, each change counts exactly once.
 * <p>
 * Counter changes of a batch are summed first and written in key order, so that instances working on different
 * partitions lock shared rows (a province's counters, a member's count) in the same order and do not deadlock.
 * A change is passed apart from the inserted value because PostgreSQL checks the {@code >= 0} constraints on the
 * row proposed for insertion even when the conflict turns it into an update.
 */
@ApplicationScoped
public class StandingsUpdater {

    private final DataSource dataSource;
    private final Revision revision;
    private final ZoneId zone;

    public StandingsUpdater(DataSource dataSource, Revision revision, RankingConfig config) {
        this.dataSource = dataSource;
        this.revision = revision;
        this.zone = config.zone();
    }

    /**
     * Applies a batch in a handful of round trips: the held states of its initiatives are read and locked in one
     * query, changed states written in one batch, new ones inserted in another; an initiative that another instance
     * inserted meanwhile is applied again one event at a time, reading what that instance wrote.
     *
     * @return how many events changed something
     */
    @Transactional
    public int applyAll(CounterSet set, List<InitiativeEvent> events) {
        return applyAll(set, events, Map.of());
    }

    /**
     * Applies a batch polled from {@code initiative-events.v1} and records, with the live counters, the offset after
     * the last of its records in each partition. Live batches wait while a repair replaces the live counters.
     *
     * @param positions per partition, the offset after the last record of the batch
     * @return how many events changed something
     */
    @Transactional
    public int applyAll(CounterSet set, List<InitiativeEvent> events, Map<Integer, Long> positions) {
        try (Connection c = dataSource.getConnection()) {
            if (set == CounterSet.LIVE) {
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_advisory_xact_lock_shared(" + LIVE_COUNTERS_LOCK + ")");
                }
                recordPositions(c, positions);
            }
            Map<UUID, List<InitiativeEvent>> byInitiative = new TreeMap<>();
            for (InitiativeEvent event : events) {
                byInitiative.computeIfAbsent(event.initiativeId(), k -> new ArrayList<>()).add(event);
            }
            Map<UUID, Held> held = lockHeld(c, set, byInitiative.keySet());
            Deltas deltas = new Deltas();
            Map<UUID, Outcome> inserts = new LinkedHashMap<>();
            List<Held> updates = new ArrayList<>();
            int applied = 0;
            for (Map.Entry<UUID, List<InitiativeEvent>> entry : byInitiative.entrySet()) {
                Held before = held.get(entry.getKey());
                Outcome outcome = fold(before, entry.getValue());
                if (outcome.applied() == 0) {
                    continue;
                }
                if (before == null) {
                    inserts.put(entry.getKey(), outcome);
                } else {
                    deltas.add(before.counted(), -1, zone);
                    deltas.add(outcome.after().counted(), +1, zone);
                    updates.add(outcome.after());
                    applied += outcome.applied();
                }
            }
            writeStates(c, set, updates, false);
            List<UUID> insertOrder = new ArrayList<>(inserts.keySet());
            int[] inserted = writeStates(c, set, inserts.values().stream().map(Outcome::after).toList(), true);
            for (int i = 0; i < inserted.length; i++) {
                UUID id = insertOrder.get(i);
                if (inserted[i] > 0) {
                    deltas.add(inserts.get(id).after().counted(), +1, zone);
                    applied += inserts.get(id).applied();
                } else {
                    for (InitiativeEvent event : byInitiative.get(id)) {
                        if (apply(c, set, event, deltas)) {
                            applied++;
                        }
                    }
                }
            }
            deltas.write(c, set);
            if (applied > 0 && set == CounterSet.LIVE) {
                revision.bump(c);
            }
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply initiative events: " + e.getMessage(), e);
        }
    }

    /**
     * The advisory lock live batches take shared and a repair exclusively, so that the live counters it replaces
     * stand still meanwhile, in every instance.
     */
    public static final long LIVE_COUNTERS_LOCK = 0x5354414e44494e47L;

    private static void recordPositions(Connection c, Map<Integer, Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into consumed_position as p"
                + " (topic, partition, next_offset) select ?, * from unnest(?::int[], ?::bigint[])"
                + " on conflict (topic, partition) do update"
                + " set next_offset = greatest(p.next_offset, excluded.next_offset)")) {
            Map<Integer, Long> sorted = new TreeMap<>(positions);
            upsert.setString(1, Topics.INITIATIVE_EVENTS);
            upsert.setObject(2, sorted.keySet().stream().mapToInt(Integer::intValue).toArray());
            upsert.setObject(3, sorted.values().stream().mapToLong(Long::longValue).toArray());
            upsert.executeUpdate();
        }
    }

    /** An initiative's counted state and the version it was applied at. */
    private record Held(UUID initiativeId, Counted counted, long version) {
    }

    /** Where an initiative's events of one batch lead, and how many of them were newer than what was held. */
    private record Outcome(Held after, int applied) {
    }

    /** Applies the events of one initiative in order, each only when newer than what is held by then. */
    private static Outcome fold(Held before, List<InitiativeEvent> events) {
        Held current = before;
        int applied = 0;
        for (InitiativeEvent event : events) {
            if (current != null && event.version() <= current.version()) {
                continue;
            }
            current = new Held(event.initiativeId(), new Counted(event.programmeCode(), event.provinceId(),
                    event.status(), authors(event), event.submittedAt()), event.version());
            applied++;
        }
        return new Outcome(current, applied);
    }

    /** Reads and locks the held states, in initiative order so that instances lock alike. */
    private static Map<UUID, Held> lockHeld(Connection c, CounterSet set, Collection<UUID> ids) throws SQLException {
        Map<UUID, Held> held = new HashMap<>();
        if (ids.isEmpty()) {
            return held;
        }
        try (PreparedStatement select = c.prepareStatement("select initiative_id, programme_code, province_id, status,"
                + " author_ids, submitted_at, version from " + set.table("initiative_state")
                + " where initiative_id = any(?) order by initiative_id for update")) {
            select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Timestamp submittedAt = rs.getTimestamp(6);
                    held.put(id, new Held(id, new Counted(rs.getString(2), rs.getObject(3, UUID.class),
                            InitiativeStatus.valueOf(rs.getString(4)),
                            Arrays.asList((String[]) rs.getArray(5).getArray()),
                            submittedAt == null ? null : submittedAt.toInstant()), rs.getLong(7)));
                }
            }
        }
        return held;
    }

    /** @return per state, 1 when written, 0 when an insert met a row another instance inserted meanwhile */
    private static int[] writeStates(Connection c, CounterSet set, List<Held> states, boolean insert)
            throws SQLException {
        if (states.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement write = c.prepareStatement(writeState(set, insert))) {
            for (Held state : states) {
                Counted counted = state.counted();
                write.setString(1, counted.programmeCode());
                write.setObject(2, counted.provinceId());
                write.setString(3, counted.status().name());
                write.setObject(4, counted.authorIds().toArray(String[]::new));
                write.setTimestamp(5, counted.submittedAt() == null ? null : Timestamp.from(counted.submittedAt()));
                write.setLong(6, state.version());
                write.setObject(7, state.initiativeId());
                write.addBatch();
            }
            int[] counts = write.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = counts[i] == Statement.SUCCESS_NO_INFO ? 1 : counts[i];
            }
            return counts;
        }
    }

    /**
     * Writes an initiative's state: programme code, province, status, author ids, submitted at, version, initiative
     * id, in that order; an insert that meets a row another instance inserted meanwhile writes nothing.
     */
    private static String writeState(CounterSet set, boolean insert) {
        return insert
                ? "insert into " + set.table("initiative_state") + " (programme_code, province_id, status,"
                        + " author_ids, submitted_at, version, initiative_id) values (?, ?, ?, ?::text[], ?, ?, ?)"
                        + " on conflict (initiative_id) do nothing"
                : "update " + set.table("initiative_state") + " set programme_code = ?, province_id = ?,"
                        + " status = ?, author_ids = ?::text[], submitted_at = ?, version = ? where initiative_id = ?";
    }

    /** Removes everything a set holds; a rebuild starts from nothing. */
    @Transactional
    public void clear(CounterSet set) {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate " + String.join(", ", set.table("initiative_state"), set.table("submitter"),
                    set.table("member_reach"), set.table("standing"), set.table("period_count")));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear " + set + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies one event unless its version is already applied, one round trip at a time. The initiative's row is locked while it is read; a
     * first event inserts it and, when another instance inserted it meanwhile (two owners of a partition during a
     * rebalance), reads it again under lock rather than counting twice.
     */
    private boolean apply(Connection c, CounterSet set, InitiativeEvent event, Deltas deltas) throws SQLException {
        while (true) {
            Counted held = null;
            try (PreparedStatement select = c.prepareStatement("select programme_code, province_id, status, "
                    + "author_ids, submitted_at, version from " + set.table("initiative_state")
                    + " where initiative_id = ? for update")) {
                select.setObject(1, event.initiativeId());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        if (event.version() <= rs.getLong(6)) {
                            return false;
                        }
                        Timestamp submittedAt = rs.getTimestamp(5);
                        held = new Counted(rs.getString(1), rs.getObject(2, UUID.class),
                                InitiativeStatus.valueOf(rs.getString(3)),
                                Arrays.asList((String[]) rs.getArray(4).getArray()),
                                submittedAt == null ? null : submittedAt.toInstant());
                    }
                }
            }
            try (PreparedStatement write = c.prepareStatement(writeState(set, held == null))) {
                write.setString(1, event.programmeCode());
                write.setObject(2, event.provinceId());
                write.setString(3, event.status().name());
                write.setObject(4, authors(event).toArray(String[]::new));
                write.setTimestamp(5, event.submittedAt() == null ? null : Timestamp.from(event.submittedAt()));
                write.setLong(6, event.version());
                write.setObject(7, event.initiativeId());
                if (write.executeUpdate() == 0) {
                    continue;
                }
            }
            if (held != null) {
                deltas.add(held, -1, zone);
            }
            deltas.add(new Counted(event.programmeCode(), event.provinceId(), event.status(), authors(event),
                    event.submittedAt()), +1, zone);
            return true;
        }
    }

    private static List<String> authors(InitiativeEvent event) {
        return event.authorIds() == null ? List.of() : event.authorIds();
    }

    /** What one initiative contributes under the counting rule of {@link InitiativeStatus}. */
    private record Counted(String programmeCode, UUID provinceId, InitiativeStatus status, List<String> authorIds,
            Instant submittedAt) {
    }

    private record ProvinceKey(String programmeCode, UUID provinceId) implements Comparable<ProvinceKey> {
        @Override
        public int compareTo(ProvinceKey o) {
            int byProgramme = programmeCode.compareTo(o.programmeCode);
            return byProgramme != 0 ? byProgramme : provinceId.compareTo(o.provinceId);
        }
    }

    private record MemberKey(ProvinceKey province, String memberId) implements Comparable<MemberKey> {
        @Override
        public int compareTo(MemberKey o) {
            int byProvince = province.compareTo(o.province);
            return byProvince != 0 ? byProvince : memberId.compareTo(o.memberId);
        }
    }

    private record ReachKey(String programmeCode, String memberId) implements Comparable<ReachKey> {
        @Override
        public int compareTo(ReachKey o) {
            int byProgramme = programmeCode.compareTo(o.programmeCode);
            return byProgramme != 0 ? byProgramme : memberId.compareTo(o.memberId);
        }
    }

    private record DayKey(ProvinceKey province, LocalDate day) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int byDay = day.compareTo(o.day);
            return byDay != 0 ? byDay : province.compareTo(o.province);
        }
    }

    /** The summed counter changes of one batch. */
    private static final class Deltas {
        private final Map<ProvinceKey, long[]> provinces = new TreeMap<>(); // submissions, recognized, submitters
        private final Map<MemberKey, Integer> members = new TreeMap<>();
        private final Map<DayKey, Long> days = new TreeMap<>();
        private final Map<ReachKey, Integer> reach = new TreeMap<>();

        void add(Counted counted, int sign, ZoneId zone) {
            if (!counted.status().countsAsSubmission()) {
                return;
            }
            ProvinceKey province = new ProvinceKey(counted.programmeCode(), counted.provinceId());
            long[] d = provinces.computeIfAbsent(province, k -> new long[3]);
            d[0] += sign;
            if (counted.status().countsAsRecognized()) {
                d[1] += sign;
            }
            counted.authorIds().stream().distinct()
                    .forEach(m -> members.merge(new MemberKey(province, m), sign, Integer::sum));
            if (counted.submittedAt() != null) {
                days.merge(new DayKey(province, counted.submittedAt().atZone(zone).toLocalDate()), (long) sign,
                        Long::sum);
            }
        }

        /**
         * Adds the members' changes (first the rises, inserting new members, then the falls) in one statement
         * each, and turns a member's count crossing zero into a change of the province's submitters.
         */
        private void writeSubmitters(Connection c, CounterSet set, boolean rises) throws SQLException {
            List<Map.Entry<MemberKey, Integer>> changes = members.entrySet().stream()
                    .filter(e -> rises ? e.getValue() > 0 : e.getValue() < 0).toList();
            if (changes.isEmpty()) {
                return;
            }
            String table = set.table("submitter");
            String sql = rises
                    ? "insert into " + table + " as s (programme_code, province_id, member_id, initiatives)"
                            + " select * from unnest(?::text[], ?::uuid[], ?::text[], ?::int[])"
                            + " on conflict (programme_code, province_id, member_id) do update"
                            + " set initiatives = s.initiatives + excluded.initiatives"
                            + " returning programme_code, province_id, member_id, initiatives"
                    : "update " + table + " s set initiatives = s.initiatives + t.change"
                            + " from unnest(?::text[], ?::uuid[], ?::text[], ?::int[])"
                            + " as t(programme_code, province_id, member_id, change)"
                            + " where s.programme_code = t.programme_code and s.province_id = t.province_id"
                            + " and s.member_id = t.member_id"
                            + " returning s.programme_code, s.province_id, s.member_id, s.initiatives";
            try (PreparedStatement upsert = c.prepareStatement(sql)) {
                upsert.setObject(1, changes.stream().map(e -> e.getKey().province().programmeCode())
                        .toArray(String[]::new));
                upsert.setArray(2, c.createArrayOf("uuid",
                        changes.stream().map(e -> e.getKey().province().provinceId()).toArray()));
                upsert.setObject(3, changes.stream().map(e -> e.getKey().memberId()).toArray(String[]::new));
                upsert.setObject(4, changes.stream().mapToInt(Map.Entry::getValue).toArray());
                try (ResultSet rs = upsert.executeQuery()) {
                    while (rs.next()) {
                        ProvinceKey province = new ProvinceKey(rs.getString(1), rs.getObject(2, UUID.class));
                        int after = rs.getInt(4);
                        int before = after - members.get(new MemberKey(province, rs.getString(3)));
                        int change = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
                        provinces.computeIfAbsent(province, k -> new long[3])[2] += change;
                        if (change != 0) {
                            reach.merge(new ReachKey(province.programmeCode(), rs.getString(3)), change,
                                    Integer::sum);
                        }
                    }
                }
            }
        }

        /**
         * Locks the rows of the members whose number of provinces changes, in key order, before any is written,
         * creating those not there yet (with 0). These rows are shared between instances (a member may submit in
         * provinces another instance counts), and the rises and the falls are written by two statements: without
         * this, one instance raising member a and lowering b while another raised b and lowered a deadlocked. A batch
         * of rises alone is one statement, which takes its rows in the same order.
         */
        private void lockReach(Connection c, CounterSet set) throws SQLException {
            if (reach.values().stream().noneMatch(change -> change < 0)) {
                return;
            }
            List<ReachKey> keys = reach.entrySet().stream().filter(e -> e.getValue() != 0).map(Map.Entry::getKey)
                    .toList();
            String table = set.table("member_reach");
            try (PreparedStatement lock = c.prepareStatement("insert into " + table + " as r"
                    + " (programme_code, member_id, provinces)"
                    + " select t.programme_code, t.member_id, 0"
                    + " from unnest(?::text[], ?::text[]) with ordinality as t(programme_code, member_id, n)"
                    + " order by t.n"
                    + " on conflict (programme_code, member_id) do update set provinces = r.provinces")) {
                lock.setObject(1, keys.stream().map(ReachKey::programmeCode).toArray(String[]::new));
                lock.setObject(2, keys.stream().map(ReachKey::memberId).toArray(String[]::new));
                lock.executeUpdate();
            }
        }

        /**
         * Adds the changes in the number of provinces each member is a submitter in: first the rises, inserting new
         * members, then the falls, on rows {@link #lockReach} has locked. Written after the members' counts.
         */
        private void writeReach(Connection c, CounterSet set, boolean rises) throws SQLException {
            List<Map.Entry<ReachKey, Integer>> changes = reach.entrySet().stream()
                    .filter(e -> rises ? e.getValue() > 0 : e.getValue() < 0).toList();
            if (changes.isEmpty()) {
                return;
            }
            String table = set.table("member_reach");
            String sql = rises
                    ? "insert into " + table + " as r (programme_code, member_id, provinces)"
                            + " select * from unnest(?::text[], ?::text[], ?::int[])"
                            + " on conflict (programme_code, member_id) do update"
                            + " set provinces = r.provinces + excluded.provinces"
                    // Never below 0: an instance of an older version, still consuming during a rolling upgrade,
                    // counts submitters without this table, and a batch refused by its check would be retried forever.
                    : "update " + table + " r set provinces = greatest(r.provinces + t.change, 0)"
                            + " from unnest(?::text[], ?::text[], ?::int[]) as t(programme_code, member_id, change)"
                            + " where r.programme_code = t.programme_code and r.member_id = t.member_id";
            try (PreparedStatement write = c.prepareStatement(sql)) {
                write.setObject(1, changes.stream().map(e -> e.getKey().programmeCode()).toArray(String[]::new));
                write.setObject(2, changes.stream().map(e -> e.getKey().memberId()).toArray(String[]::new));
                write.setObject(3, changes.stream().mapToInt(Map.Entry::getValue).toArray());
                write.executeUpdate();
            }
        }

        void write(Connection c, CounterSet set) throws SQLException {
            writeSubmitters(c, set, true);
            writeSubmitters(c, set, false);
            lockReach(c, set);
            writeReach(c, set, true);
            writeReach(c, set, false);
            try (PreparedStatement upsert = c.prepareStatement("insert into " + set.table("standing")
                    + " (programme_code, province_id, submissions, recognized, submitters)"
                    + " values (?, ?, greatest(?, 0), greatest(?, 0), greatest(?, 0))"
                    + " on conflict (programme_code, province_id) do update set"
                    + " submissions = standing.submissions + ?, recognized = standing.recognized + ?,"
                    + " submitters = standing.submitters + ?")) {
                for (Map.Entry<ProvinceKey, long[]> e : provinces.entrySet()) {
                    long[] d = e.getValue();
                    if (d[0] == 0 && d[1] == 0 && d[2] == 0) {
                        continue;
                    }
                    upsert.setString(1, e.getKey().programmeCode());
                    upsert.setObject(2, e.getKey().provinceId());
                    upsert.setLong(3, d[0]);
                    upsert.setLong(4, d[1]);
                    upsert.setLong(5, d[2]);
                    upsert.setLong(6, d[0]);
                    upsert.setLong(7, d[1]);
                    upsert.setLong(8, d[2]);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            try (PreparedStatement upsert = c.prepareStatement("insert into " + set.table("period_count")
                    + " (programme_code, province_id, day, submissions) values (?, ?, ?, greatest(?, 0))"
                    + " on conflict (programme_code, day, province_id) do update"
                    + " set submissions = period_count.submissions + ?")) {
                for (Map.Entry<DayKey, Long> e : days.entrySet()) {
                    if (e.getValue() == 0) {
                        continue;
                    }
                    upsert.setString(1, e.getKey().province().programmeCode());
                    upsert.setObject(2, e.getKey().province().provinceId());
                    upsert.setObject(3, e.getKey().day());
                    upsert.setLong(4, e.getValue());
                    upsert.setLong(5, e.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }
}
