package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Keeps regions, emulation clusters, programmes and the targets below the provinces as their owners publish them.
 * Each record carries the whole state of what it keys, so a newer version replaces what is held and an older one (a
 * replay) is ignored.
 */
@ApplicationScoped
public class ReferenceDataUpdater {

    private static final String UPSERT_GROUPING = """
            insert into grouping (id, code, name, kind, valid_from, valid_to, version) values (?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set code = excluded.code, name = excluded.name, kind = excluded.kind,
                valid_from = excluded.valid_from, valid_to = excluded.valid_to, version = excluded.version
            """;

    private static final String UPSERT_PROGRAMME = """
            insert into programme (code, name, start_date, end_date, national_target, version) values (?, ?, ?, ?, ?, ?)
            on conflict (code) do update set name = excluded.name, start_date = excluded.start_date,
                end_date = excluded.end_date, national_target = excluded.national_target, version = excluded.version
            """;

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

    /** Work on the updater's connection; says whether it changed what is held. */
    @FunctionalInterface
    private interface Write<T> {
        boolean apply(Connection c, T input) throws SQLException;
    }

    @Transactional
    public void applyGroupings(Iterable<GroupingChange> changes) {
        applyEach("groupings", changes, (c, change) -> change.state() == null
                ? delete(c, "delete from grouping where id = ?", change.id())
                : apply(c, change.state()));
    }

    @Transactional
    public void applyProgrammes(Iterable<ProgrammeChange> changes) {
        applyEach("programmes", changes, (c, change) -> change.state() == null
                ? delete(c, "delete from programme where code = ?", change.code())
                : apply(c, change.state()));
    }

    /**
     * The targets of units below the provinces: each record replaces the row of its unit and phase unless the row
     * came from a later version of the programme.
     */
    @Transactional
    public void applyUnitTargets(Iterable<UnitTargetState> targets) {
        write("unit targets", targets, (c, all) -> Arrays.stream(Jdbc.batch(c, "insert into unit_target"
                + " (programme_code, phase_code, unit_id, target, version) values (?, ?, ?, ?, ?)"
                + " on conflict (programme_code, phase_code, unit_id) do update set target = excluded.target,"
                + " version = excluded.version where unit_target.version < excluded.version", all,
                t -> new Object[] {t.programmeCode(), t.phaseCode(), t.unitId(), t.target(), t.version()}))
                .anyMatch(count -> count > 0));
    }

    /** Applies each record in turn; a record that changes nothing (a replay) leaves the revision as it is. */
    private <T> void applyEach(String what, Iterable<T> records, Write<T> apply) {
        write(what, records, (c, all) -> {
            boolean changed = false;
            for (T record : all) {
                changed |= apply.apply(c, record);
            }
            return changed;
        });
    }

    /** Runs {@code work} on one connection and moves the standings' revision on when it changed something. */
    private <T> void write(String what, T input, Write<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (work.apply(c, input)) {
                revision.bumpReference(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply " + what + ": " + e.getMessage(), e);
        }
    }

    private static boolean delete(Connection c, String sql, Object key) throws SQLException {
        return Jdbc.update(c, sql, key) > 0;
    }

    private static boolean apply(Connection c, GroupingState g) throws SQLException {
        if (!upsertUnlessOlder(c, "grouping", "id", g.version(), UPSERT_GROUPING,
                g.id(), g.code(), g.name(), g.kind().name(), g.validFrom(), g.validTo(), g.version())) {
            return false;
        }
        delete(c, "delete from grouping_member where grouping_id = ?", g.id());
        Jdbc.batch(c, "insert into grouping_member (grouping_id, unit_id, valid_from, valid_to) values (?, ?, ?, ?)",
                g.members() == null ? List.<GroupingState.Member>of() : g.members(),
                m -> new Object[] {g.id(), m.unitId(), m.validFrom(), m.validTo()});
        return true;
    }

    private static boolean apply(Connection c, ProgrammeState p) throws SQLException {
        if (!upsertUnlessOlder(c, "programme", "code", p.version(), UPSERT_PROGRAMME,
                p.code(), p.name() == null ? p.code() : p.name(), p.startDate(), p.endDate(), p.nationalTarget(),
                p.version())) {
            return false;
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
                Jdbc.bind(phase, p.code(), ordinal++, ph.code(), ph.name(), ph.startDate(), ph.endDate());
                phase.addBatch();
                for (ProgrammeState.Target t : ph.targets() == null ? List.<ProgrammeState.Target>of()
                        : ph.targets()) {
                    Jdbc.bind(target, p.code(), ph.code(), t.unitId(), t.target());
                    target.addBatch();
                }
            }
            phase.executeBatch();
            target.executeBatch();
        }
        return true;
    }

    /**
     * Writes a record's own row with {@code upsert} and {@code row} (its key first) unless what is held is as new as
     * {@code version} or newer; locks the held row first so that instances apply in turn.
     *
     * @return whether the row was written
     */
    private static boolean upsertUnlessOlder(Connection c, String table, String keyColumn, long version,
            String upsert, Object... row) throws SQLException {
        boolean older = Jdbc.first(c, "select version from " + table + " where " + keyColumn + " = ? for update",
                rs -> rs.getLong(1), row[0]).filter(held -> version <= held).isPresent();
        if (older) {
            return false;
        }
        Jdbc.update(c, upsert, row);
        return true;
    }
}
