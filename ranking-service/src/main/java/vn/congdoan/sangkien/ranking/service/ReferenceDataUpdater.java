package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Keeps regions, emulation clusters, programmes and the targets below the provinces as their owners publish them.
 * Each record carries the whole state of what it keys, so a newer version replaces what is held and an older one (a
 * replay) is ignored.
 */
@ApplicationScoped
public class ReferenceDataUpdater {

    private final DataSource dataSource;
    private final Revision revision;

    public ReferenceDataUpdater(DataSource dataSource, Revision revision) {
        this.dataSource = dataSource;
        this.revision = revision;
    }

    /** A grouping's new state, or its removal when {@code state} is null (a tombstone for {@code id}). */
    public record GroupingChange(UUID id, GroupingState state) {
    }

    /** A programme's new state, or its removal when {@code state} is null (a tombstone for {@code code}). */
    public record ProgrammeChange(String code, ProgrammeState state) {
    }

    @Transactional
    public void applyGroupings(Iterable<GroupingChange> changes) {
        try (Connection c = dataSource.getConnection()) {
            boolean changed = false;
            for (GroupingChange change : changes) {
                changed |= change.state() == null ? delete(c, "delete from grouping where id = ?", change.id())
                        : apply(c, change.state());
            }
            if (changed) {
                revision.bump(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply groupings: " + e.getMessage(), e);
        }
    }

    @Transactional
    public void applyProgrammes(Iterable<ProgrammeChange> changes) {
        try (Connection c = dataSource.getConnection()) {
            boolean changed = false;
            for (ProgrammeChange change : changes) {
                changed |= change.state() == null ? delete(c, "delete from programme where code = ?", change.code())
                        : apply(c, change.state());
            }
            if (changed) {
                revision.bump(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply programmes: " + e.getMessage(), e);
        }
    }

    /**
     * The targets of units below the provinces: each record replaces the row of its unit and phase unless the row
     * came from a later version of the programme.
     */
    @Transactional
    public void applyUnitTargets(Iterable<UnitTargetState> targets) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("insert into unit_target (programme_code, phase_code,"
                        + " unit_id, target, version) values (?, ?, ?, ?, ?) on conflict (programme_code, phase_code,"
                        + " unit_id) do update set target = excluded.target, version = excluded.version"
                        + " where unit_target.version < excluded.version")) {
            for (UnitTargetState t : targets) {
                s.setString(1, t.programmeCode());
                s.setString(2, t.phaseCode());
                s.setObject(3, t.unitId());
                s.setObject(4, t.target());
                s.setLong(5, t.version());
                s.addBatch();
            }
            boolean changed = false;
            for (int count : s.executeBatch()) {
                changed |= count > 0;
            }
            if (changed) {
                revision.bump(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply unit targets: " + e.getMessage(), e);
        }
    }

    private static boolean delete(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            return s.executeUpdate() > 0;
        }
    }

    private static boolean apply(Connection c, GroupingState g) throws SQLException {
        if (isOlder(c, "select version from grouping where id = ? for update", g.id(), g.version())) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("insert into grouping (id, code, name, kind, valid_from, "
                + "valid_to, version) values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set code = excluded.code,"
                + " name = excluded.name, kind = excluded.kind, valid_from = excluded.valid_from,"
                + " valid_to = excluded.valid_to, version = excluded.version")) {
            s.setObject(1, g.id());
            s.setString(2, g.code());
            s.setString(3, g.name());
            s.setString(4, g.kind().name());
            s.setObject(5, g.validFrom());
            s.setObject(6, g.validTo());
            s.setLong(7, g.version());
            s.executeUpdate();
        }
        delete(c, "delete from grouping_member where grouping_id = ?", g.id());
        try (PreparedStatement s = c.prepareStatement(
                "insert into grouping_member (grouping_id, unit_id, valid_from, valid_to) values (?, ?, ?, ?)")) {
            for (GroupingState.Member m : g.members() == null ? List.<GroupingState.Member>of() : g.members()) {
                s.setObject(1, g.id());
                s.setObject(2, m.unitId());
                s.setObject(3, m.validFrom());
                s.setObject(4, m.validTo());
                s.addBatch();
            }
            s.executeBatch();
        }
        return true;
    }

    private static boolean apply(Connection c, ProgrammeState p) throws SQLException {
        if (isOlder(c, "select version from programme where code = ? for update", p.code(), p.version())) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("insert into programme (code, name, start_date, end_date, "
                + "national_target, version) values (?, ?, ?, ?, ?, ?) on conflict (code) do update set"
                + " name = excluded.name, start_date = excluded.start_date, end_date = excluded.end_date,"
                + " national_target = excluded.national_target, version = excluded.version")) {
            s.setString(1, p.code());
            s.setString(2, p.name() == null ? p.code() : p.name());
            s.setObject(3, p.startDate());
            s.setObject(4, p.endDate());
            s.setObject(5, p.nationalTarget());
            s.setLong(6, p.version());
            s.executeUpdate();
        }
        delete(c, "delete from phase_target where programme_code = ?", p.code());
        delete(c, "delete from programme_phase where programme_code = ?", p.code());
        if (p.phases() == null) {
            return true;
        }
        try (PreparedStatement phase = c.prepareStatement("insert into programme_phase (programme_code, ordinal, code,"
                + " name, start_date, end_date) values (?, ?, ?, ?, ?, ?)");
                PreparedStatement target = c.prepareStatement("insert into phase_target (programme_code, phase_code,"
                        + " unit_id, target) values (?, ?, ?, ?) on conflict do nothing")) {
            int ordinal = 0;
            for (ProgrammeState.Phase ph : p.phases()) {
                phase.setString(1, p.code());
                phase.setInt(2, ordinal++);
                phase.setString(3, ph.code());
                phase.setString(4, ph.name());
                phase.setObject(5, ph.startDate());
                phase.setObject(6, ph.endDate());
                phase.addBatch();
                for (ProgrammeState.Target t : ph.targets() == null ? List.<ProgrammeState.Target>of()
                        : ph.targets()) {
                    target.setString(1, p.code());
                    target.setString(2, ph.code());
                    target.setObject(3, t.unitId());
                    target.setLong(4, t.target());
                    target.addBatch();
                }
            }
            phase.executeBatch();
            target.executeBatch();
        }
        return true;
    }

    /** Whether what is held is as new as {@code version} or newer; locks the held row so that instances apply in turn. */
    private static boolean isOlder(Connection c, String sql, Object key, long version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && version <= rs.getLong(1);
            }
        }
    }
}
