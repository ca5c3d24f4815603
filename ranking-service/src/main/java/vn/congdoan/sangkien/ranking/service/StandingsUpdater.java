package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
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

    /** @return how many events changed something */
    @Transactional
    public int applyAll(CounterSet set, List<InitiativeEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            Deltas deltas = new Deltas();
            int applied = 0;
            for (InitiativeEvent event : events) {
                if (apply(c, set, event, deltas)) {
                    applied++;
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

    /** Removes everything a set holds; a rebuild starts from nothing. */
    @Transactional
    public void clear(CounterSet set) {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate " + String.join(", ", set.table("initiative_state"), set.table("submitter"),
                    set.table("standing"), set.table("period_count")));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear " + set + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies one event unless its version is already applied. The initiative's row is locked while it is read; a
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
            String sql = held == null
                    ? "insert into " + set.table("initiative_state") + " (programme_code, province_id, status,"
                            + " author_ids, submitted_at, version, initiative_id) values (?, ?, ?, ?, ?, ?, ?)"
                            + " on conflict (initiative_id) do nothing"
                    : "update " + set.table("initiative_state") + " set programme_code = ?, province_id = ?,"
                            + " status = ?, author_ids = ?, submitted_at = ?, version = ? where initiative_id = ?";
            try (PreparedStatement write = c.prepareStatement(sql)) {
                write.setString(1, event.programmeCode());
                write.setObject(2, event.provinceId());
                write.setString(3, event.status().name());
                write.setArray(4, c.createArrayOf("text", authors(event).toArray()));
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

        void write(Connection c, CounterSet set) throws SQLException {
            try (PreparedStatement upsert = c.prepareStatement("insert into " + set.table("submitter")
                    + " (programme_code, province_id, member_id, initiatives) values (?, ?, ?, greatest(?, 0))"
                    + " on conflict (programme_code, province_id, member_id) do update"
                    + " set initiatives = submitter.initiatives + ? returning initiatives")) {
                for (Map.Entry<MemberKey, Integer> e : members.entrySet()) {
                    if (e.getValue() == 0) {
                        continue;
                    }
                    upsert.setString(1, e.getKey().province().programmeCode());
                    upsert.setObject(2, e.getKey().province().provinceId());
                    upsert.setString(3, e.getKey().memberId());
                    upsert.setInt(4, e.getValue());
                    upsert.setInt(5, e.getValue());
                    try (ResultSet rs = upsert.executeQuery()) {
                        rs.next();
                        int after = rs.getInt(1);
                        int before = after - e.getValue();
                        int change = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
                        provinces.computeIfAbsent(e.getKey().province(), k -> new long[3])[2] += change;
                    }
                }
            }
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
