package vn.congdoan.sangkien.ranking.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.ranking.service.Merges;
import vn.congdoan.sangkien.ranking.service.Phases;
import vn.congdoan.sangkien.ranking.service.ProvinceFigures;
import vn.congdoan.sangkien.ranking.service.RankOneRuns.DayRank;
import vn.congdoan.sangkien.ranking.service.StandingsMath;

/** Reads the counters, reference data and snapshots the standings are computed from. */
@ApplicationScoped
public class StandingsRepository {

    /** The memberships of each unit in force on {@code params.day}: the codes of its regions, of its clusters. */
    private static final String MEMBERSHIP = """
            membership as (
                select gm.unit_id, g.kind, array_agg(distinct g.code order by g.code) as codes
                from grouping g join grouping_member gm on gm.grouping_id = g.id, params
                where (g.valid_from is null or g.valid_from <= params.day) and (g.valid_to is null or g.valid_to > params.day)
                  and (gm.valid_from is null or gm.valid_from <= params.day)
                  and (gm.valid_to is null or gm.valid_to > params.day)
                group by gm.unit_id, g.kind)
            """;

    /** Every province, also those no longer in force: merged ones' counts stand in their successors' rows. */
    private static final String LIVE = "with params as (select cast(? as text) as programme, cast(? as date) as day,"
            + " cast(? as date) as monday), " + MEMBERSHIP + """
            , periods as (
                select pc.province_id, sum(pc.submissions) filter (where pc.day = params.day) as today,
                       sum(pc.submissions) as week
                from period_count pc, params
                where pc.programme_code = params.programme and pc.day between params.monday and params.day
                group by pc.province_id)
            select p.id, p.code, p.name, p.member_count, coalesce(s.submissions, 0), coalesce(s.submitters, 0),
                   coalesce(s.recognized, 0), coalesce(periods.week, 0), coalesce(periods.today, 0), r.codes, c.codes,
                   p.valid_from, p.valid_to, p.successor_id
            from params, province p
            left join standing s on s.province_id = p.id and s.programme_code = (select programme from params)
            left join periods on periods.province_id = p.id
            left join membership r on r.unit_id = p.id and r.kind = 'REGION'
            left join membership c on c.unit_id = p.id and c.kind = 'EMULATION_CLUSTER'
            """;

    private static final String SNAPSHOT = "with params as (select cast(? as text) as programme, cast(? as date) as day), "
            + MEMBERSHIP + """
            select p.id, p.code, p.name, s.member_count, s.submissions, s.submitters, s.recognized,
                   s.week_submissions, s.day_submissions, r.codes, c.codes, s.target,
                   p.valid_from, p.valid_to, p.successor_id
            from params, snapshot s
            join province p on p.id = s.province_id
            left join membership r on r.unit_id = p.id and r.kind = 'REGION'
            left join membership c on c.unit_id = p.id and c.kind = 'EMULATION_CLUSTER'
            where s.programme_code = params.programme and s.day = params.day
            """;

    /**
     * Per group of the provinces given, how many times its submitters are counted more than once in it: for each
     * member, the number of its provinces in the group less one. Only members counted in two or more provinces can
     * be (a partial index holds them); the sums are made in the database, one row per group, however many members.
     */
    private static final String COUNTED_TWICE = """
            select shared.grp, sum(shared.provinces - 1)
            from (select g.grp, count(*) as provinces
                  from member_reach r
                  cross join unnest(cast(? as uuid[]), cast(? as uuid[])) as g(province_id, grp)
                  join submitter s on s.programme_code = r.programme_code and s.province_id = g.province_id
                                  and s.member_id = r.member_id
                  where r.programme_code = ? and r.provinces > 1 and s.initiatives > 0
                  group by g.grp, r.member_id) shared
            group by shared.grp
            """;

    /**
     * The members counted as submitters in at least one province, each once, when every province with submitters
     * is among those given; null otherwise.
     */
    private static final String MEMBERS_COUNTED = """
            select case when exists (select 1 from standing
                                     where programme_code = ? and submitters > 0 and province_id <> all(cast(? as uuid[])))
                        then null
                        else (select count(*) from member_reach where programme_code = ? and provinces > 0) end
            """;

    /** The group of every province in the national figure. */
    private static final UUID NATION = new UUID(0, 0);

    /** A programme as published on programmes.v1. */
    public record Programme(String code, String name, LocalDate startDate, LocalDate endDate, Long nationalTarget) {
    }

    /** A snapshot day of one province. */
    public record SnapshotPoint(LocalDate day, int rank, long submissions, long submitters, long recognized,
            Long target, long weekSubmissions, long daySubmissions) {
    }

    /** A provincial federation's identity. */
    public record ProvinceRef(UUID id, String code, String name) {
    }

    private final DataSource dataSource;

    public StandingsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every province in force on {@code day} with its live counts, those of the provinces merged into it by then,
     * and its target in the phase current that day.
     */
    public List<ProvinceFigures> live(String programme, LocalDate day) {
        return query(c -> live(c, programme, day).provinces());
    }

    /** The live standings of a day, and how many members they count as submitters, each once. */
    public record Live(List<ProvinceFigures> provinces, long submitters) {
    }

    /**
     * {@link #live(String, LocalDate)} with the number of distinct submitters in the provinces whose counts stand
     * somewhere that day, read on one connection.
     */
    public Live liveWithSubmitters(String programme, LocalDate day) {
        return query(c -> {
            Folded live = live(c, programme, day);
            return new Live(live.provinces(), nationalSubmitters(c, programme, live));
        });
    }

    /**
     * The members counted as submitters in the provinces whose counts stand somewhere, each once. When those are all
     * the provinces with submitters, as they are but for a province whose events came before it was published, the
     * members' table counts them; otherwise each province's submitters, less the provinces past the first of a
     * member counted in several.
     */
    private static long nationalSubmitters(Connection c, String programme, Folded live) throws SQLException {
        Set<UUID> counted = live.homes().keySet();
        try (PreparedStatement s = c.prepareStatement(MEMBERS_COUNTED)) {
            s.setString(1, programme);
            s.setArray(2, c.createArrayOf("uuid", counted.toArray()));
            s.setString(3, programme);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long members = rs.getLong(1);
                if (!rs.wasNull()) {
                    return members;
                }
            }
        }
        long submitters = live.unfolded().stream().filter(f -> counted.contains(f.provinceId()))
                .mapToLong(ProvinceFigures::submitters).sum();
        Map<UUID, UUID> nation = counted.stream().collect(Collectors.toMap(p -> p, p -> NATION));
        return Math.max(0, submitters - countedTwice(c, programme, nation).getOrDefault(NATION, 0L));
    }

    /** The provinces' rows as folded, each province's own, and the province each one's counts stand in. */
    private record Folded(List<ProvinceFigures> provinces, List<ProvinceFigures> unfolded, Map<UUID, UUID> homes) {
    }

    private Folded live(Connection c, String programme, LocalDate day) throws SQLException {
        Map<UUID, Long> targets = targets(c, programme, day);
        List<ProvinceFigures> figures = new ArrayList<>();
        List<Merges.Succession> successions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(LIVE)) {
            s.setString(1, programme);
            s.setObject(2, day);
            s.setObject(3, StandingsMath.weekStart(day));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    figures.add(figures(rs, targets.get(id)));
                    successions.add(succession(rs, 12));
                }
            }
        }
        Map<UUID, UUID> homes = Merges.homes(successions, day);
        return new Folded(Merges.fold(figures, homes, sharedSubmitters(c, programme, homes)), figures, homes);
    }

    /** The standings kept at the end of {@code day}; empty when no snapshot was taken that day. */
    public Optional<List<ProvinceFigures>> snapshot(String programme, LocalDate day) {
        return query(c -> {
            if (snapshotTakenAt(c, programme, day).isEmpty()) {
                return Optional.empty();
            }
            List<ProvinceFigures> figures = new ArrayList<>();
            List<Merges.Succession> successions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SNAPSHOT)) {
                s.setString(1, programme);
                s.setObject(2, day);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        figures.add(figures(rs, (Long) rs.getObject(12)));
                        successions.add(succession(rs, 13));
                    }
                }
            }
            // a snapshot holds the provinces in force when it was taken; one merged on or before its day, recorded
            // later, stands in its successor's row when the snapshot has one, else apart as it was taken (a
            // snapshot keeps no members: submitters are added up)
            Set<UUID> kept = successions.stream().map(Merges.Succession::provinceId).collect(Collectors.toSet());
            List<Merges.Succession> asTaken = successions.stream().map(p -> kept.contains(p.successorId()) ? p
                    : new Merges.Succession(p.provinceId(), null, null, null)).toList();
            return Optional.of(Merges.fold(figures, Merges.homes(asTaken, day), Map.of()));
        });
    }

    /**
     * Keeps {@code figures} as the standings at the end of {@code day}, in the caller's transaction.
     *
     * @param replace whether an existing snapshot of that day is replaced (otherwise it is kept)
     * @return whether a snapshot was written
     */
    public boolean saveSnapshot(Connection c, String programme, LocalDate day, List<ProvinceFigures> figures,
            Map<UUID, Integer> ranks, boolean replace) throws SQLException {
        if (replace) {
            try (PreparedStatement s = c.prepareStatement(
                    "delete from snapshot_day where programme_code = ? and day = ?")) {
                s.setString(1, programme);
                s.setObject(2, day);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("insert into snapshot_day (programme_code, day, taken_at)"
                + " values (?, ?, now()) on conflict do nothing")) {
            s.setString(1, programme);
            s.setObject(2, day);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement s = c.prepareStatement("insert into snapshot (programme_code, day, province_id,"
                + " submissions, submitters, recognized, target, member_count, week_submissions, day_submissions, rank)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ProvinceFigures f : figures) {
                s.setString(1, programme);
                s.setObject(2, day);
                s.setObject(3, f.provinceId());
                s.setLong(4, f.submissions());
                s.setLong(5, f.submitters());
                s.setLong(6, f.recognized());
                s.setObject(7, f.target());
                s.setObject(8, f.memberCount());
                s.setLong(9, f.thisWeek());
                s.setLong(10, f.today());
                s.setInt(11, ranks.get(f.provinceId()));
                s.addBatch();
            }
            s.executeBatch();
        }
        return true;
    }

    public Optional<Instant> snapshotTakenAt(String programme, LocalDate day) {
        return query(c -> snapshotTakenAt(c, programme, day));
    }

    /** One province's snapshots between two days (inclusive), oldest first. */
    public List<SnapshotPoint> history(String programme, UUID province, LocalDate from, LocalDate to) {
        return query(c -> {
            List<SnapshotPoint> points = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select day, rank, submissions, submitters, recognized,"
                    + " target, week_submissions, day_submissions from snapshot where programme_code = ?"
                    + " and province_id = ? and day between ? and ? order by day")) {
                s.setString(1, programme);
                s.setObject(2, province);
                s.setObject(3, from);
                s.setObject(4, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        points.add(new SnapshotPoint(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), (Long) rs.getObject(6), rs.getLong(7), rs.getLong(8)));
                    }
                }
            }
            return points;
        });
    }

    /** One province's national rank in every snapshot of the programme, oldest first. */
    public List<DayRank> ranks(String programme, UUID province) {
        return query(c -> {
            List<DayRank> ranks = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select day, rank from snapshot where programme_code = ?"
                    + " and province_id = ? order by day")) {
                s.setString(1, programme);
                s.setObject(2, province);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ranks.add(new DayRank(rs.getObject(1, LocalDate.class), rs.getInt(2)));
                    }
                }
            }
            return ranks;
        });
    }

    public Optional<LocalDate> latestSnapshotDay(String programme) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select max(day) from snapshot_day where programme_code = ?")) {
                s.setString(1, programme);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(rs.getObject(1, LocalDate.class));
                }
            }
        });
    }

    public Optional<Programme> programme(String code) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("select code, name, start_date, end_date, national_target"
                    + " from programme where code = ?")) {
                s.setString(1, code);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Programme(rs.getString(1), rs.getString(2),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                            (Long) rs.getObject(5))) : Optional.empty();
                }
            }
        });
    }

    /** Programmes running on {@code day}: those the daily snapshot job keeps. */
    public List<String> programmesRunningOn(LocalDate day) {
        return query(c -> {
            List<String> codes = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select code from programme where"
                    + " (start_date is null or start_date <= ?) and (end_date is null or end_date >= ?)")) {
                s.setObject(1, day);
                s.setObject(2, day);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        codes.add(rs.getString(1));
                    }
                }
            }
            return codes;
        });
    }

    /** The kind of the grouping with {@code code}; empty when there is none. */
    public Optional<GroupingKind> groupingKind(String code) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("select kind from grouping where code = ? limit 1")) {
                s.setString(1, code);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(GroupingKind.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** A province by id or by code; of two with one code (before and after a merge), the one in force. */
    public Optional<ProvinceRef> province(String idOrCode) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("select id, code, name from province"
                    + " where id::text = ? or code = ? order by valid_to desc nulls first limit 1")) {
                s.setString(1, idOrCode.toLowerCase(Locale.ROOT));
                s.setString(2, idOrCode);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ProvinceRef(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** Province targets in the phase of {@code programme} current on {@code day}. */
    private static Map<UUID, Long> targets(Connection c, String programme, LocalDate day) throws SQLException {
        List<Phases.Phase> phases = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select code, start_date, end_date from programme_phase"
                + " where programme_code = ? order by ordinal")) {
            s.setString(1, programme);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    phases.add(new Phases.Phase(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class)));
                }
            }
        }
        Optional<Phases.Phase> current = Phases.current(phases, day);
        Map<UUID, Long> targets = new HashMap<>();
        if (current.isEmpty()) {
            return targets;
        }
        try (PreparedStatement s = c.prepareStatement("select unit_id, target from phase_target"
                + " where programme_code = ? and phase_code = ?")) {
            s.setString(1, programme);
            s.setString(2, current.get().code());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    targets.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return targets;
    }

    private static Optional<Instant> snapshotTakenAt(Connection c, String programme, LocalDate day)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select taken_at from snapshot_day where programme_code = ? and day = ?")) {
            s.setString(1, programme);
            s.setObject(2, day);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /**
     * Per province that holds the counts of others on the day, how many of its submitters are counted in more than
     * one of them beyond the first.
     */
    private static Map<UUID, Long> sharedSubmitters(Connection c, String programme, Map<UUID, UUID> homes)
            throws SQLException {
        Map<UUID, UUID> groupOf = new HashMap<>();
        Merges.mergedGroups(homes).forEach((home, provinces) -> provinces.forEach(p -> groupOf.put(p, home)));
        return groupOf.isEmpty() ? Map.of() : countedTwice(c, programme, groupOf);
    }

    /** {@link #COUNTED_TWICE} for the provinces given, each in its group. */
    private static Map<UUID, Long> countedTwice(Connection c, String programme, Map<UUID, UUID> groupOf)
            throws SQLException {
        List<Map.Entry<UUID, UUID>> provinces = List.copyOf(groupOf.entrySet());
        Map<UUID, Long> counted = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(COUNTED_TWICE)) {
            s.setArray(1, c.createArrayOf("uuid", provinces.stream().map(Map.Entry::getKey).toArray()));
            s.setArray(2, c.createArrayOf("uuid", provinces.stream().map(Map.Entry::getValue).toArray()));
            s.setString(3, programme);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counted.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return counted;
    }

    private static Merges.Succession succession(ResultSet rs, int firstColumn) throws SQLException {
        return new Merges.Succession(rs.getObject(1, UUID.class), rs.getObject(firstColumn, LocalDate.class),
                rs.getObject(firstColumn + 1, LocalDate.class), rs.getObject(firstColumn + 2, UUID.class));
    }

    private static ProvinceFigures figures(ResultSet rs, Long target) throws SQLException {
        return new ProvinceFigures(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                (Integer) rs.getObject(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), target, rs.getLong(8),
                rs.getLong(9), codes(rs, 10), codes(rs, 11));
    }

    private static List<String> codes(ResultSet rs, int column) throws SQLException {
        Array codes = rs.getArray(column);
        return codes == null ? List.of() : Arrays.asList((String[]) codes.getArray());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the standings: " + e.getMessage(), e);
        }
    }
}
