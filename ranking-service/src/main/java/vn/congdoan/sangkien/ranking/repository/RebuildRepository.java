package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.congdoan.sangkien.ranking.service.CounterSet;

/** Compares the rebuilt counters with the live ones, and puts them in their place, in the caller's transaction. */
@ApplicationScoped
public class RebuildRepository {

    /**
     * A counter that differs, named by its table, its key (only the key's own parts are given) and its figure.
     *
     * @param day the day, for the changes of a day
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String table, String programme, UUID provinceId, LocalDate day, String memberId,
            UUID initiativeId, String figure, long live, long rebuilt) {
    }

    /**
     * What the comparison found.
     *
     * @param differences the first {@value #MAX_DIFFERENCES} differences of each table
     * @param counts      per table, how many rows differ (tables without a difference left out)
     * @param negatives   per table, how many rebuilt rows hold a count below 0 (tables without one left out): the
     *                    events themselves disagree, and a repair would put no trustworthy figure in place
     */
    public record Comparison(List<Difference> differences, Map<String, Long> counts, Map<String, Long> negatives) {
    }

    /**
     * A table of counters: its key after the programme, and the figures it holds.
     *
     * @param changes whether its figures are the changes of a day, which may be below 0, rather than counts
     */
    private record Counters(String table, List<String> keys, List<String> figures, boolean changes) {

        static final String UNIT_KNOWN = "unit_known";

        Counters(String table, List<String> keys, List<String> figures) {
            this(table, keys, figures, false);
        }

        String select() {
            String key = keys.stream().map(k -> "coalesce(l.%1$s, r.%1$s)".formatted(k)).collect(Collectors.joining(", "));
            String values = figures.stream().map(f -> "coalesce(%s, 0), coalesce(%s, 0)".formatted(column("l", f),
                    column("r", f))).collect(Collectors.joining(", "));
            String join = keys.stream().map(k -> " and r.%1$s = l.%1$s".formatted(k)).collect(Collectors.joining());
            String differ = figures.stream().map(f -> "coalesce(%s, 0) <> coalesce(%s, 0)".formatted(column("l", f),
                    column("r", f))).collect(Collectors.joining(" or "));
            return """
                    select coalesce(l.programme_code, r.programme_code), %s, %s, count(*) over ()
                    from %s l full join %s r on r.programme_code = l.programme_code%s
                    where (cast(? as text) is null or coalesce(l.programme_code, r.programme_code) = ?) and (%s)
                    order by 1, %s limit ?
                    """.formatted(key, values, CounterSet.LIVE.table(table), CounterSet.REBUILD.table(table), join,
                    differ, ordinals());
        }

        /**
         * A figure of a row of {@code alias}: a column, or {@link #UNIT_KNOWN}, 1 when the initiative's unit is known
         * (rows counted before the service kept units have none until a repair puts them in from the events).
         */
        private static String column(String alias, String figure) {
            return UNIT_KNOWN.equals(figure) ? "(" + alias + ".unit_id is not null)::int" : alias + "." + figure;
        }

        String negatives() {
            return "select count(*) from " + CounterSet.REBUILD.table(table)
                    + " where (cast(? as text) is null or programme_code = ?) and ("
                    + figures.stream().map(f -> column(CounterSet.REBUILD.table(table), f) + " < 0")
                            .collect(Collectors.joining(" or ")) + ")";
        }

        private String ordinals() {
            List<String> ordinals = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                ordinals.add(String.valueOf(i + 2));
            }
            return String.join(", ", ordinals);
        }
    }

    private static final int MAX_DIFFERENCES = 100;
    /** Every table of counters, compared and repaired. */
    private static final List<Counters> COUNTERS = List.of(
            new Counters("standing", List.of("province_id"), List.of("submissions", "submitters", "recognized")),
            new Counters("day_count", List.of("province_id", "day"), List.of("submissions", "recognized",
                    "submitters"), true),
            new Counters("member_day", List.of("member_id", "province_id", "day"), List.of("initiatives"), true),
            new Counters("nation_day", List.of("day"), List.of("submitters"), true),
            new Counters("submitter", List.of("province_id", "member_id"), List.of("initiatives")),
            new Counters("member_reach", List.of("member_id"), List.of("provinces")),
            new Counters("initiative_state", List.of("initiative_id"), List.of("version", Counters.UNIT_KNOWN)));

    /** Replaces the live counters of {@code programme} (all when null) with the rebuilt ones. */
    public void replaceLive(Connection c, String programme) throws SQLException {
        for (Counters counters : COUNTERS) {
            String where = " where cast(? as text) is null or programme_code = ?";
            try (PreparedStatement delete = c.prepareStatement("delete from " + CounterSet.LIVE.table(counters.table())
                    + where);
                    PreparedStatement insert = c.prepareStatement("insert into "
                            + CounterSet.LIVE.table(counters.table()) + " select * from "
                            + CounterSet.REBUILD.table(counters.table()) + where)) {
                for (PreparedStatement s : List.of(delete, insert)) {
                    s.setString(1, programme);
                    s.setString(2, programme);
                    s.executeUpdate();
                }
            }
        }
    }

    /** Compares every table of counters of {@code programme} (all when null), row by row and figure by figure. */
    public Comparison compare(Connection c, String programme) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> negatives = new LinkedHashMap<>();
        for (Counters counters : COUNTERS) {
            try (PreparedStatement s = c.prepareStatement(counters.select())) {
                s.setString(1, programme);
                s.setString(2, programme);
                s.setInt(3, MAX_DIFFERENCES);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        differences.addAll(read(counters, rs));
                        counts.put(counters.table(), rs.getLong(2 + counters.keys().size()
                                + 2 * counters.figures().size()));
                    }
                }
            }
            if (counters.changes()) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement(counters.negatives())) {
                s.setString(1, programme);
                s.setString(2, programme);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        negatives.put(counters.table(), rs.getLong(1));
                    }
                }
            }
        }
        return new Comparison(differences, counts, negatives);
    }

    private static List<Difference> read(Counters counters, ResultSet rs) throws SQLException {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < counters.keys().size(); i++) {
            key.put(counters.keys().get(i), rs.getObject(2 + i));
        }
        List<Difference> differences = new ArrayList<>();
        int first = 2 + counters.keys().size();
        for (int i = 0; i < counters.figures().size(); i++) {
            long live = rs.getLong(first + 2 * i);
            long rebuilt = rs.getLong(first + 2 * i + 1);
            if (live != rebuilt) {
                differences.add(new Difference(counters.table(), rs.getString(1), (UUID) key.get("province_id"),
                        key.get("day") instanceof java.sql.Date d ? d.toLocalDate() : null,
                        (String) key.get("member_id"), (UUID) key.get("initiative_id"), counters.figures().get(i),
                        live, rebuilt));
            }
        }
        return differences;
    }
}
