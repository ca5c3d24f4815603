package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.ranking.service.DailySeries;
import vn.congdoan.sangkien.ranking.service.Merges;
import vn.congdoan.sangkien.ranking.service.Phases;

/**
 * Everything a programme's standings day after day are computed from, read on one connection, and kept until the
 * standings' inputs change: the histories of every province, and the series, are then walked from memory.
 */
@ApplicationScoped
public class CountedDaysRepository {

    /** The inputs last read, with what they were read for. */
    private record Read(String programme, LocalDate to, long revision, DailySeries.Inputs inputs) {
    }

    private final DataSource dataSource;
    private final Revision revision;
    private volatile Read last;

    public CountedDaysRepository(DataSource dataSource, Revision revision) {
        this.dataSource = dataSource;
        this.revision = revision;
    }

    /**
     * The inputs of a programme's daily series up to {@code to} (inclusive), read again once the standings' revision
     * has moved on. The revision is taken before the read, so inputs newer than it are kept under it at worst, never
     * older ones under a newer revision.
     */
    public DailySeries.Inputs inputs(String programme, LocalDate to) {
        long current = revision.current().revision();
        Read read = last;
        if (read != null && read.revision() == current && read.programme().equals(programme) && read.to().equals(to)) {
            return read.inputs();
        }
        DailySeries.Inputs inputs = Reads.run(dataSource, c -> new DailySeries.Inputs(provinces(c), memberships(c),
                phases(c, programme), targets(c, programme), changes(c, programme, to)));
        last = new Read(programme, to, current, inputs);
        return inputs;
    }

    /** The changes of the country's distinct submitters of a programme by day, up to {@code to} (inclusive). */
    public Map<LocalDate, Long> nationalSubmitters(String programme, LocalDate to) {
        return Reads.run(dataSource, c -> {
            Map<LocalDate, Long> changes = new HashMap<>();
            Jdbc.each(c, "select day, submitters from nation_day where programme_code = ? and day <= ?",
                    rs -> changes.put(rs.getObject(1, LocalDate.class), rs.getLong(2)), programme, to);
            return changes;
        });
    }

    private static List<DailySeries.Province> provinces(Connection c) throws SQLException {
        return Jdbc.list(c, "select id, code, name, member_count, valid_from, valid_to, successor_id from province",
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new DailySeries.Province(id, rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
                            new Merges.Succession(id, rs.getObject(5, LocalDate.class),
                                    rs.getObject(6, LocalDate.class), rs.getObject(7, UUID.class)));
                });
    }

    private static List<DailySeries.Membership> memberships(Connection c) throws SQLException {
        return Jdbc.list(c, "select gm.unit_id, g.kind, g.code,"
                + " greatest(g.valid_from, gm.valid_from), least(g.valid_to, gm.valid_to)"
                + " from grouping g join grouping_member gm on gm.grouping_id = g.id order by g.code",
                rs -> new DailySeries.Membership(rs.getObject(1, UUID.class), GroupingKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)));
    }

    /** A programme's phases, in their order. */
    static List<Phases.Phase> phases(Connection c, String programme) throws SQLException {
        return Jdbc.list(c, "select code, start_date, end_date from programme_phase"
                + " where programme_code = ? order by ordinal",
                rs -> new Phases.Phase(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)), programme);
    }

    /** Per phase code, the provinces' targets. */
    private static Map<String, Map<UUID, Long>> targets(Connection c, String programme) throws SQLException {
        Map<String, Map<UUID, Long>> targets = new HashMap<>();
        Jdbc.each(c, "select phase_code, unit_id, target from phase_target where programme_code = ?",
                rs -> targets.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getObject(2, UUID.class), rs.getLong(3)), programme);
        return targets;
    }

    private static List<DailySeries.DayChange> changes(Connection c, String programme, LocalDate to)
            throws SQLException {
        return Jdbc.list(c, "select day, province_id, submissions, recognized, submitters"
                + " from day_count where programme_code = ? and day <= ? order by day",
                rs -> new DailySeries.DayChange(rs.getObject(1, LocalDate.class), rs.getObject(2, UUID.class),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5)), programme, to);
    }
}
