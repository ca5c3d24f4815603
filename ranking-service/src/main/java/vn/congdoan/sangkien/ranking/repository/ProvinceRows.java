package vn.congdoan.sangkien.ranking.repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.ranking.service.Merges;
import vn.congdoan.sangkien.ranking.service.ProvinceFigures;

/** What the live standings and the snapshots read alike: memberships of a day, a province's row. */
final class ProvinceRows {

    /** The memberships of each unit in force on {@code params.day}: the codes of its regions, of its clusters. */
    static final String MEMBERSHIP = """
            membership as (
                select gm.unit_id, g.kind, array_agg(distinct g.code order by g.code) as codes
                from grouping g join grouping_member gm on gm.grouping_id = g.id, params
                where (g.valid_from is null or g.valid_from <= params.day) and (g.valid_to is null or g.valid_to > params.day)
                  and (gm.valid_from is null or gm.valid_from <= params.day)
                  and (gm.valid_to is null or gm.valid_to > params.day)
                group by gm.unit_id, g.kind)
            """;

    private ProvinceRows() {
    }

    /**
     * A province's figures from columns 1 to 11: id, code, name, member count, submissions, submitters, recognised,
     * this week, today, region codes, cluster codes.
     */
    static ProvinceFigures figures(ResultSet rs, Long target) throws SQLException {
        return new ProvinceFigures(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                (Integer) rs.getObject(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), target, rs.getLong(8),
                rs.getLong(9), codes(rs, 10), codes(rs, 11));
    }

    /** A province's validity and successor, from {@code firstColumn} on; its id is column 1. */
    static Merges.Succession succession(ResultSet rs, int firstColumn) throws SQLException {
        return new Merges.Succession(rs.getObject(1, UUID.class), rs.getObject(firstColumn, LocalDate.class),
                rs.getObject(firstColumn + 1, LocalDate.class), rs.getObject(firstColumn + 2, UUID.class));
    }

    private static List<String> codes(ResultSet rs, int column) throws SQLException {
        Array codes = rs.getArray(column);
        return codes == null ? List.of() : Arrays.asList((String[]) codes.getArray());
    }
}
