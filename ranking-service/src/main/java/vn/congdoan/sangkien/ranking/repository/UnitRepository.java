package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;

/** The units of the hierarchy as org-unit-service published them, and who may see the figures below a province. */
@ApplicationScoped
public class UnitRepository {

    /**
     * A unit as it stands now.
     *
     * @param validTo first day no longer in force; null while in force
     */
    public record Unit(UUID id, String code, String name, OrgUnitType type, UUID parentId, UUID provinceId,
            Integer memberCount, UnitSector sector, LocalDate validFrom, LocalDate validTo, UUID successorId) {

        public boolean inForceOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
        }
    }

    private static final String COLUMNS = "id, code, name, type, parent_id, province_id, member_count, sector,"
            + " valid_from, valid_to, successor_id";

    private final DataSource dataSource;

    public UnitRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit by its id or its code. */
    public Optional<Unit> find(String idOrCode) {
        UUID id = uuid(idOrCode);
        return Reads.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from unit where "
                    + (id != null ? "id = ?" : "code = ?") + " order by valid_to desc nulls first limit 1")) {
                s.setObject(1, id != null ? id : idOrCode);
                List<Unit> units = read(s);
                return units.isEmpty() ? Optional.empty() : Optional.of(units.get(0));
            }
        });
    }

    /**
     * Every unit below {@code root}, in force or not, nearest levels first: one indexed read per level, which a
     * recursive query did not give (the planner joined each level with the whole table).
     */
    public List<Unit> below(UUID root) {
        return Reads.run(dataSource, c -> {
            List<Unit> below = new ArrayList<>();
            List<UUID> parents = List.of(root);
            for (int depth = 0; !parents.isEmpty() && depth < 32; depth++) {
                try (PreparedStatement s = c.prepareStatement("select " + COLUMNS
                        + " from unit where parent_id = any(?)")) {
                    s.setArray(1, c.createArrayOf("uuid", parents.toArray()));
                    List<Unit> level = read(s);
                    below.addAll(level);
                    parents = level.stream().map(Unit::id).toList();
                }
            }
            return below;
        });
    }

    /** {@code unit} and the units above it, nearest first; empty for a unit not known. */
    public List<Unit> chain(UUID unit) {
        return Reads.run(dataSource, c -> chain(c, unit));
    }

    private static List<Unit> chain(Connection c, UUID unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("with recursive up(id, parent_id, depth) as ("
                + " select id, parent_id, 0 from unit where id = ?"
                + " union all select u.id, u.parent_id, up.depth + 1 from unit u join up on u.id = up.parent_id"
                + " where up.depth < 32)"
                + " select u.id, u.code, u.name, u.type, u.parent_id, u.province_id, u.member_count, u.sector,"
                + " u.valid_from, u.valid_to, u.successor_id from up join unit u on u.id = up.id order by up.depth")) {
            s.setObject(1, unit);
            return read(s);
        }
    }

    /** Whether the province (or national union) {@code home} shows the figures of its units to everyone. */
    public boolean figuresPublic(UUID home) {
        return Reads.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("select 1 from unit_figures_public where home_id = ?")) {
                s.setObject(1, home);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Shows the figures of {@code home}'s units to everyone, or only to its own people again. */
    public void figuresPublic(UUID home, boolean shown, String by, Instant at) {
        Reads.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(shown
                    ? "insert into unit_figures_public (home_id, changed_by, changed_at) values (?, ?, ?)"
                            + " on conflict (home_id) do update set changed_by = excluded.changed_by,"
                            + " changed_at = excluded.changed_at"
                    : "delete from unit_figures_public where home_id = ?")) {
                s.setObject(1, home);
                if (shown) {
                    s.setString(2, by);
                    s.setObject(3, Timestamp.from(at));
                }
                s.executeUpdate();
            }
            try (PreparedStatement bump = c.prepareStatement(Revision.BUMP)) {
                bump.executeUpdate();
            }
            return null;
        });
    }

    private static List<Unit> read(PreparedStatement s) throws SQLException {
        List<Unit> units = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String sector = rs.getString(8);
                units.add(new Unit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        OrgUnitType.valueOf(rs.getString(4)), rs.getObject(5, UUID.class),
                        rs.getObject(6, UUID.class), (Integer) rs.getObject(7),
                        sector == null ? null : sector(sector), rs.getObject(9, LocalDate.class),
                        rs.getObject(10, LocalDate.class), rs.getObject(11, UUID.class)));
            }
        }
        return units;
    }

    private static UnitSector sector(String name) {
        try {
            return UnitSector.valueOf(name);
        } catch (IllegalArgumentException e) {
            return UnitSector.OTHER;
        }
    }

    private static UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
