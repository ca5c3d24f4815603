package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.ranking.service.CounterSet;

/** Compares the rebuilt counters with the live ones, and puts them in their place, in the caller's transaction. */
@ApplicationScoped
public class RebuildRepository {

    /**
     * A counter that differs.
     *
     * @param day the day of submission, for a per-day count; null for a province's totals
     */
    public record Difference(String programme, UUID provinceId, LocalDate day, String figure, long live,
            long rebuilt) {
    }

    private static final int MAX_DIFFERENCES = 100;
    /** The live counters a repair replaces, each with a copy of the same columns in the rebuild schema. */
    private static final List<String> REPAIRED_TABLES = List.of("initiative_state", "submitter", "member_reach",
            "standing", "period_count");

    /** Replaces the live counters of {@code programme} (all when null) with the rebuilt ones. */
    public void replaceLive(Connection c, String programme) throws SQLException {
        for (String table : REPAIRED_TABLES) {
            String where = " where cast(? as text) is null or programme_code = ?";
            try (PreparedStatement delete = c.prepareStatement("delete from " + CounterSet.LIVE.table(table) + where);
                    PreparedStatement insert = c.prepareStatement("insert into " + CounterSet.LIVE.table(table)
                            + " select * from " + CounterSet.REBUILD.table(table) + where)) {
                for (PreparedStatement s : List.of(delete, insert)) {
                    s.setString(1, programme);
                    s.setString(2, programme);
                    s.executeUpdate();
                }
            }
        }
    }

    /** The counters of {@code programme} (all when null) that differ: provinces' totals, then days' counts. */
    public List<Difference> differences(Connection c, String programme) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select coalesce(l.programme_code, r.programme_code), coalesce(l.province_id, r.province_id),
                       coalesce(l.submissions, 0), coalesce(r.submissions, 0),
                       coalesce(l.submitters, 0), coalesce(r.submitters, 0),
                       coalesce(l.recognized, 0), coalesce(r.recognized, 0)
                from public.standing l
                full join rebuild.standing r on r.programme_code = l.programme_code and r.province_id = l.province_id
                where (cast(? as text) is null or coalesce(l.programme_code, r.programme_code) = ?)
                  and (coalesce(l.submissions, 0) <> coalesce(r.submissions, 0)
                    or coalesce(l.submitters, 0) <> coalesce(r.submitters, 0)
                    or coalesce(l.recognized, 0) <> coalesce(r.recognized, 0))
                order by 1, 2 limit ?
                """)) {
            s.setString(1, programme);
            s.setString(2, programme);
            s.setInt(3, MAX_DIFFERENCES);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String[] figures = { "submissions", "submitters", "recognized" };
                    for (int i = 0; i < figures.length; i++) {
                        long live = rs.getLong(3 + 2 * i);
                        long rebuilt = rs.getLong(4 + 2 * i);
                        if (live != rebuilt) {
                            differences.add(new Difference(rs.getString(1), rs.getObject(2, UUID.class), null,
                                    figures[i], live, rebuilt));
                        }
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                select coalesce(l.programme_code, r.programme_code), coalesce(l.province_id, r.province_id),
                       coalesce(l.day, r.day), coalesce(l.submissions, 0), coalesce(r.submissions, 0)
                from public.period_count l
                full join rebuild.period_count r on r.programme_code = l.programme_code
                     and r.province_id = l.province_id and r.day = l.day
                where (cast(? as text) is null or coalesce(l.programme_code, r.programme_code) = ?)
                  and coalesce(l.submissions, 0) <> coalesce(r.submissions, 0)
                order by 1, 2, 3 limit ?
                """)) {
            s.setString(1, programme);
            s.setString(2, programme);
            s.setInt(3, MAX_DIFFERENCES);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    differences.add(new Difference(rs.getString(1), rs.getObject(2, UUID.class),
                            rs.getObject(3, LocalDate.class), "daySubmissions", rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return differences;
    }
}
