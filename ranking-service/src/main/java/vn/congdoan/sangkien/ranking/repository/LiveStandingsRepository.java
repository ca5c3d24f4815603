package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.ranking.service.Merges;
import vn.congdoan.sangkien.ranking.service.Phases;
import vn.congdoan.sangkien.ranking.service.ProvinceFigures;
import vn.congdoan.sangkien.ranking.service.StandingsMath;

/**
 * The standings at the end of a day, today's or a past one's: every province in force that day with its counts then,
 * those of the provinces merged into it by then, its memberships and its target in the phase current that day. The
 * counts of a day are the live totals less the changes of the days after it ({@code day_count}), so that today's
 * standings read few rows and a past day's are exact however late its events came.
 */
@ApplicationScoped
public class LiveStandingsRepository {

    /** Every province, also those no longer in force: merged ones' counts stand in their successors' rows. */
    private static final String LIVE = "with params as (select cast(? as text) as programme, cast(? as date) as day,"
            + " cast(? as date) as monday), " + ProvinceRows.MEMBERSHIP + """
            , periods as (
                select dc.province_id, sum(dc.submissions) filter (where dc.day = params.day) as today,
                       sum(dc.submissions) filter (where dc.day between params.monday and params.day) as week,
                       sum(dc.submissions) filter (where dc.day > params.day) as later_submissions,
                       sum(dc.submitters) filter (where dc.day > params.day) as later_submitters,
                       sum(dc.recognized) filter (where dc.day > params.day) as later_recognized
                from day_count dc, params
                where dc.programme_code = params.programme and dc.day >= params.monday
                group by dc.province_id)
            select p.id, p.code, p.name, p.member_count,
                   coalesce(s.submissions, 0) - coalesce(periods.later_submissions, 0),
                   coalesce(s.submitters, 0) - coalesce(periods.later_submitters, 0),
                   coalesce(s.recognized, 0) - coalesce(periods.later_recognized, 0),
                   coalesce(periods.week, 0), coalesce(periods.today, 0), r.codes, c.codes,
                   p.valid_from, p.valid_to, p.successor_id
            from params, province p
            left join standing s on s.province_id = p.id and s.programme_code = (select programme from params)
            left join periods on periods.province_id = p.id
            left join membership r on r.unit_id = p.id and r.kind = 'REGION'
            left join membership c on c.unit_id = p.id and c.kind = 'EMULATION_CLUSTER'
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

    /** {@link #COUNTED_TWICE} at the end of a past day, from the members' counts by day. */
    private static final String COUNTED_TWICE_ON = """
            select shared.grp, sum(shared.provinces - 1)
            from (select g.grp, count(*) as provinces
                  from (select d.province_id, d.member_id from member_day d
                        where d.programme_code = ? and d.province_id = any(cast(? as uuid[])) and d.day <= ?
                        group by d.province_id, d.member_id having sum(d.initiatives) > 0) m
                  join unnest(cast(? as uuid[]), cast(? as uuid[])) as g(province_id, grp) on g.province_id = m.province_id
                  group by g.grp, m.member_id) shared
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

    /** The live standings of a day, and how many members they count as submitters, each once. */
    public record Live(List<ProvinceFigures> provinces, long submitters) {
    }

    /** The provinces' rows as folded, each province's own, and the province each one's counts stand in. */
    private record Folded(List<ProvinceFigures> provinces, List<ProvinceFigures> unfolded, Map<UUID, UUID> homes) {
    }

    private final DataSource dataSource;

    public LiveStandingsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every province in force on {@code day} with its counts at the end of it, those of the provinces merged into it
     * by then, and its target in the phase current that day.
     *
     * @param past whether {@code day} is over: its members counted in several provinces are then found from the
     *             members' counts by day rather than from the live ones
     */
    public List<ProvinceFigures> live(String programme, LocalDate day, boolean past) {
        return Reads.run(dataSource, c -> live(c, programme, day, past).provinces());
    }

    /**
     * {@link #live(String, LocalDate, boolean)} with the number of distinct submitters in the provinces whose counts
     * stand somewhere that day, read on one connection.
     */
    public Live liveWithSubmitters(String programme, LocalDate day, boolean past) {
        return Reads.run(dataSource, c -> {
            Folded live = live(c, programme, day, past);
            return new Live(live.provinces(), past ? nationalSubmittersOn(c, programme, day)
                    : nationalSubmitters(c, programme, live));
        });
    }

    /**
     * {@code folded}, the provinces of a past day with the counts of those merged into them added, with each member
     * counted in several of a successor's provinces counted once in its submitters.
     */
    public List<ProvinceFigures> countingSharedSubmittersOnce(String programme, LocalDate day, Map<UUID, UUID> homes,
            List<ProvinceFigures> folded) {
        if (Merges.mergedGroups(homes).isEmpty()) {
            return folded;
        }
        Map<UUID, Long> shared = Reads.run(dataSource, c -> sharedSubmitters(c, programme, homes, day));
        return folded.stream().map(f -> !shared.containsKey(f.provinceId()) ? f : new ProvinceFigures(
                f.provinceId(), f.code(), f.name(), f.memberCount(), f.submissions(),
                Math.max(0, f.submitters() - shared.get(f.provinceId())), f.recognized(), f.target(), f.thisWeek(),
                f.today(), f.regions(), f.clusters())).toList();
    }

    /** The members counted as submitters in the country at the end of a past day, each once. */
    private static long nationalSubmittersOn(Connection c, String programme, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select coalesce(sum(submitters), 0) from nation_day"
                + " where programme_code = ? and day <= ?")) {
            s.setString(1, programme);
            s.setObject(2, day);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The members counted as submitters in the provinces whose counts stand somewhere. When those are all the
     * provinces with submitters, as they are but for a province whose events came before it was published, the
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
        return Math.max(0, submitters - countedTwice(c, programme, nation, null).getOrDefault(NATION, 0L));
    }

    private static Folded live(Connection c, String programme, LocalDate day, boolean past) throws SQLException {
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
                    figures.add(ProvinceRows.figures(rs, targets.get(id)));
                    successions.add(ProvinceRows.succession(rs, 12));
                }
            }
        }
        Map<UUID, UUID> homes = Merges.homes(successions, day);
        return new Folded(Merges.fold(figures, homes, sharedSubmitters(c, programme, homes, past ? day : null)),
                figures, homes);
    }

    /** Province targets in the phase of {@code programme} current on {@code day}. */
    private static Map<UUID, Long> targets(Connection c, String programme, LocalDate day) throws SQLException {
        Optional<Phases.Phase> current = Phases.current(CountedDaysRepository.phases(c, programme), day);
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

    /**
     * Per province that holds the counts of others on the day, how many of its submitters are counted in more than
     * one of them beyond the first.
     */
    private static Map<UUID, Long> sharedSubmitters(Connection c, String programme, Map<UUID, UUID> homes,
            LocalDate pastDay) throws SQLException {
        Map<UUID, UUID> groupOf = new HashMap<>();
        Merges.mergedGroups(homes).forEach((home, provinces) -> provinces.forEach(p -> groupOf.put(p, home)));
        return groupOf.isEmpty() ? Map.of() : countedTwice(c, programme, groupOf, pastDay);
    }

    /**
     * {@link #COUNTED_TWICE} for the provinces given, each in its group: today's, or at the end of {@code pastDay}
     * when it is given.
     */
    private static Map<UUID, Long> countedTwice(Connection c, String programme, Map<UUID, UUID> groupOf,
            LocalDate pastDay) throws SQLException {
        List<Map.Entry<UUID, UUID>> provinces = List.copyOf(groupOf.entrySet());
        Object[] ids = provinces.stream().map(Map.Entry::getKey).toArray();
        Object[] groups = provinces.stream().map(Map.Entry::getValue).toArray();
        Map<UUID, Long> counted = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(pastDay == null ? COUNTED_TWICE : COUNTED_TWICE_ON)) {
            if (pastDay == null) {
                s.setArray(1, c.createArrayOf("uuid", ids));
                s.setArray(2, c.createArrayOf("uuid", groups));
                s.setString(3, programme);
            } else {
                s.setString(1, programme);
                s.setArray(2, c.createArrayOf("uuid", ids));
                s.setObject(3, pastDay);
                s.setArray(4, c.createArrayOf("uuid", ids));
                s.setArray(5, c.createArrayOf("uuid", groups));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counted.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return counted;
    }
}
