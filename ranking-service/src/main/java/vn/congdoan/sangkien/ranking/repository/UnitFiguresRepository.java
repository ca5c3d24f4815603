package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.ranking.service.Phases;

/**
 * The figures of units below the province, read from the state of each initiative: the unit it was submitted through
 * and the days it counts on. A row of the standings counts the initiatives of every unit mapped to it.
 */
@ApplicationScoped
public class UnitFiguresRepository {

    /**
     * The figures of one row at the end of each day asked for, in the order asked.
     *
     * @param submissions counted as submissions at the end of each day
     * @param recognized  counted as recognised at the end of each day
     * @param submitters  distinct members among the authors of the submissions counted at the end of each of the
     *                    first days asked for (see {@link #figures}), 0 for the others
     */
    public record Figures(long[] submissions, long[] recognized, long[] submitters) {
    }

    /** Counted at the end of day {@code i} of {@code days}. */
    private static final String COUNTED = "(s.counted_from <= d.days[%1$d]"
            + " and (s.counted_until is null or s.counted_until > d.days[%1$d]))";
    private static final String RECOGNIZED = "(s.recognized_from <= d.days[%1$d]"
            + " and (s.counted_until is null or s.counted_until > d.days[%1$d]))";

    /** Still counted at the end of the period ({@code p.last_day}). */
    private static final String COUNTED_AT_END = "(s.counted_until is null or s.counted_until > p.last_day)";

    private final DataSource dataSource;

    public UnitFiguresRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The figures of each row at the end of each of {@code days}.
     *
     * @param rows           the row each unit's initiatives count in; units left out count in none
     * @param submitterDays  how many of the first days to count distinct submitters on: each costs a sort
     * @return per row with anything counted on one of the days; rows without are left out
     */
    public Map<UUID, Figures> figures(String programme, Map<UUID, UUID> rows, List<LocalDate> days,
            int submitterDays) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        return Reads.run(dataSource, c -> {
            Map<UUID, Figures> figures = new HashMap<>();
            StringBuilder counts = new StringBuilder();
            StringBuilder distinct = new StringBuilder();
            for (int i = 1; i <= days.size(); i++) {
                counts.append(", count(*) filter (where ").append(COUNTED.formatted(i)).append(")")
                        .append(", count(*) filter (where ").append(RECOGNIZED.formatted(i)).append(")");
            }
            for (int i = 1; i <= submitterDays; i++) {
                distinct.append(", count(distinct a.member) filter (where ").append(COUNTED.formatted(i)).append(")");
            }
            // the units once more as an array: an index scan for those of a province, where the join alone has the
            // planner read every initiative of the programme
            String from = " from m join initiative_state s on s.programme_code = ? and s.unit_id = m.unit_id"
                    + " and s.counted_from is not null cross join d";
            String where = " where s.unit_id = any(?::uuid[]) and s.counted_from <= ?";
            try (PreparedStatement s = c.prepareStatement(with() + "select m.row_id" + counts + from + where
                    + " group by m.row_id")) {
                bind(c, s, programme, rows, days);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long[] submissions = new long[days.size()];
                        long[] recognized = new long[days.size()];
                        for (int i = 0; i < days.size(); i++) {
                            submissions[i] = rs.getLong(2 + 2 * i);
                            recognized[i] = rs.getLong(3 + 2 * i);
                        }
                        figures.put(rs.getObject(1, UUID.class),
                                new Figures(submissions, recognized, new long[days.size()]));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(with() + "select m.row_id" + distinct + from
                    + " cross join lateral unnest(s.author_ids) a(member)" + where + " group by m.row_id")) {
                bind(c, s, programme, rows, days);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Figures f = figures.get(rs.getObject(1, UUID.class));
                        for (int i = 0; f != null && i < submitterDays; i++) {
                            f.submitters()[i] = rs.getLong(2 + i);
                        }
                    }
                }
            }
            return figures;
        });
    }

    /** What a breakdown groups by. */
    public enum By {
        FIELD, SECTOR
    }

    /**
     * One group of a breakdown.
     *
     * @param submissions       submitted within the period and still counted at its end
     * @param recognized        recognised within the period and still counted as recognised at its end
     * @param submissionsToDate counted at the end of the period
     * @param recognizedToDate  counted as recognised at the end of the period
     */
    public record Group(String key, long submissions, long recognized, long submissionsToDate,
            long recognizedToDate) {
    }

    /**
     * Counts by the initiative's field or by the sector of the unit it was submitted through, over the initiatives
     * of a province ({@code province} set), of the units {@code units} (set), or of the whole programme (neither).
     *
     * @param from first day of the period; null for the programme's beginning
     * @param to   last day of the period
     */
    public List<Group> breakdown(String programme, UUID province, Collection<UUID> units, By by, LocalDate from,
            LocalDate to) {
        String key = by == By.FIELD ? "s.field" : "u.sector";
        // the period's bounds once, as the first columns of the one row they are read from
        String sql = "with p(first_day, last_day) as (select ?::date, ?::date)"
                + " select " + key + ", count(*) filter (where s.counted_from >= p.first_day and " + COUNTED_AT_END + "),"
                + " count(*) filter (where s.recognized_from >= p.first_day and s.recognized_from <= p.last_day and "
                + COUNTED_AT_END + "),"
                + " count(*) filter (where " + COUNTED_AT_END + "),"
                + " count(*) filter (where s.recognized_from <= p.last_day and " + COUNTED_AT_END + ")"
                + " from p cross join initiative_state s"
                + (by == By.SECTOR ? " left join unit u on u.id = s.unit_id" : "")
                + " where s.programme_code = ? and s.counted_from is not null and s.counted_from <= p.last_day"
                + (province != null ? " and s.province_id = ?" : units != null ? " and s.unit_id = any(?)" : "")
                + " group by 1 order by 1";
        return Reads.run(dataSource, c -> {
            List<Group> groups = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, Date.valueOf(from == null ? LocalDate.of(1, 1, 1) : from));
                s.setObject(2, Date.valueOf(to));
                s.setString(3, programme);
                if (province != null) {
                    s.setObject(4, province);
                } else if (units != null) {
                    s.setArray(4, c.createArrayOf("uuid", units.toArray()));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new Group(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5)));
                    }
                }
            }
            return groups;
        });
    }

    /** An initiative recognised within a period. */
    public record Recognition(UUID initiativeId, UUID unitId, LocalDate recognized) {
    }

    /**
     * The initiatives of {@code units} recognised from {@code from} to {@code to} and still counted as recognised at
     * its end, latest first, at most {@code limit}.
     */
    public List<Recognition> recognized(String programme, Collection<UUID> units, LocalDate from, LocalDate to,
            int limit) {
        return Reads.run(dataSource, c -> {
            List<Recognition> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select initiative_id, unit_id, recognized_from"
                    + " from initiative_state where programme_code = ? and unit_id = any(?)"
                    + " and counted_from is not null and recognized_from between ? and ?"
                    + " and (counted_until is null or counted_until > ?)"
                    + " order by recognized_from desc, initiative_id limit ?")) {
                s.setString(1, programme);
                s.setArray(2, c.createArrayOf("uuid", units.toArray()));
                s.setObject(3, from);
                s.setObject(4, to);
                s.setObject(5, to);
                s.setInt(6, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Recognition(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getObject(3, LocalDate.class)));
                    }
                }
            }
            return list;
        });
    }

    /**
     * The targets of {@code units} in the phase current at the end of each of {@code days}, in the order asked; a
     * unit without one is left out.
     */
    public List<Map<UUID, Long>> targets(String programme, Collection<UUID> units, List<LocalDate> days) {
        List<Phases.Phase> phases = phases(programme);
        Map<String, Map<UUID, Long>> byPhase = new HashMap<>();
        List<Map<UUID, Long>> targets = new ArrayList<>();
        for (LocalDate day : days) {
            String phase = Phases.current(phases, day).map(Phases.Phase::code).orElse(null);
            targets.add(phase == null ? Map.of() : byPhase.computeIfAbsent(phase, p -> targets(programme, p, units)));
        }
        return targets;
    }

    /** A programme's phases, in their order. */
    public List<Phases.Phase> phases(String programme) {
        return Reads.run(dataSource, c -> CountedDaysRepository.phases(c, programme));
    }

    /**
     * The targets of {@code units} in one phase, set nationally or by each unit's parent; a unit without one is left
     * out.
     */
    public Map<UUID, Long> targets(String programme, String phase, Collection<UUID> units) {
        return targetsByPhase(programme, phase, units).getOrDefault(phase, Map.of());
    }

    /**
     * The targets of {@code units} in every phase of a programme ({@code phase} null) or in one, by phase code; a unit
     * without one in a phase is left out of it.
     */
    public Map<String, Map<UUID, Long>> targetsByPhase(String programme, String phase, Collection<UUID> units) {
        return Reads.run(dataSource, c -> {
            Map<String, Map<UUID, Long>> byPhase = new HashMap<>();
            java.sql.Array ids = c.createArrayOf("uuid", units.toArray());
            String inPhase = " and (cast(? as text) is null or phase_code = ?)";
            Jdbc.each(c, "select phase_code, unit_id, target from phase_target"
                    + " where programme_code = ?" + inPhase + " and unit_id = any(?)"
                    + " union all select phase_code, unit_id, target from unit_target"
                    + " where programme_code = ?" + inPhase + " and unit_id = any(?) and target is not null",
                    rs -> byPhase.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getObject(2, UUID.class), rs.getLong(3)),
                    programme, phase, phase, ids, programme, phase, phase, ids);
            return byPhase;
        });
    }

    /**
     * An initiative's state as the figures of the units below a province count it.
     *
     * @param countedFrom first day it counts on; null when it counts on none
     */
    public record Counted(UUID initiativeId, UUID unitId, LocalDate countedFrom, LocalDate recognizedFrom,
            LocalDate countedUntil, String[] authors) {
    }

    /**
     * Initiatives read, and the lowest id of the transactions running just before they were read: every transaction
     * whose writes the read did not see has an id at least this, so reading again from it misses nothing.
     */
    public record Read(long from, List<Counted> initiatives) {
    }

    private static final String COUNTED_COLUMNS = "select initiative_id, unit_id, counted_from, recognized_from,"
            + " counted_until, author_ids from initiative_state";
    private static final String OLDEST_RUNNING = "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /** The initiatives of {@code units} that count on some day. */
    public Read counted(String programme, Collection<UUID> units) {
        return Reads.run(dataSource, c -> read(c, " where programme_code = ? and unit_id = any(?)"
                + " and counted_from is not null", programme, c.createArrayOf("uuid", units.toArray())));
    }

    /**
     * The initiatives of a programme written by transaction {@code from} and those after it, counted or not; empty
     * when there are more than {@code limit}.
     */
    public Optional<Read> writtenSince(String programme, long from, int limit) {
        return Reads.run(dataSource, c -> {
            Read read = read(c, " where changed_xid >= cast(?::text as xid8) and programme_code = ? limit ?", from,
                    programme, limit + 1);
            return read.initiatives().size() > limit ? Optional.empty() : Optional.of(read);
        });
    }

    /**
     * The initiatives {@code where} selects, with the oldest transaction still running, in one statement: both from
     * its one snapshot, and in one round trip.
     */
    private static Read read(Connection c, String where, Object... params) throws SQLException {
        long[] oldest = {0};
        List<Counted> initiatives = new ArrayList<>();
        Jdbc.each(c, "select o.oldest, s.* from (" + OLDEST_RUNNING + " as oldest) o left join lateral ("
                + COUNTED_COLUMNS + where + ") s on true", rs -> {
                    oldest[0] = rs.getLong(1);
                    if (rs.getObject(2) != null) {
                        initiatives.add(new Counted(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                                rs.getObject(6, LocalDate.class), (String[]) rs.getArray(7).getArray()));
                    }
                }, params);
        return new Read(oldest[0], initiatives);
    }

    private static String with() {
        return "with m(unit_id, row_id) as (select * from unnest(?::uuid[], ?::uuid[])),"
                + " d(days) as (select ?::date[]) ";
    }

    private static void bind(Connection c, PreparedStatement s, String programme, Map<UUID, UUID> rows,
            List<LocalDate> days) throws SQLException {
        List<UUID> units = new ArrayList<>(rows.keySet());
        java.sql.Array unitArray = c.createArrayOf("uuid", units.toArray());
        s.setArray(1, unitArray);
        s.setArray(2, c.createArrayOf("uuid", units.stream().map(rows::get).toArray()));
        s.setArray(3, c.createArrayOf("date", days.stream().map(Date::valueOf).toArray()));
        s.setString(4, programme);
        s.setArray(5, unitArray);
        s.setObject(6, days.stream().max(LocalDate::compareTo).orElseThrow());
    }
}
