package vn.congdoan.sangkien.kit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The plain JDBC steps SQL written by hand repeats: binding parameters in order and mapping the rows read. */
public final class Jdbc {

    /** Makes one value of a row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Takes in one row. */
    @FunctionalInterface
    public interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    /** Sets the parameters of {@code s} to {@code values}, the first value to the first parameter. */
    public static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    /** Runs an insert, update or delete with {@code params}; how many rows it changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    /** Runs {@code sql} once for each of {@code items}, in one batch, with the parameters {@code params} gives it. */
    public static <T> int[] batch(Connection c, String sql, Iterable<T> items, Function<T, Object[]> params)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (T item : items) {
                bind(s, params.apply(item));
                s.addBatch();
            }
            return s.executeBatch();
        }
    }

    /** Runs a query with {@code params} and hands each row to {@code each}, in the order the query gives. */
    public static void each(Connection c, String sql, RowAction each, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        }
    }

    /** The rows of a query with {@code params}, each mapped by {@code row}. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = new ArrayList<>();
        each(c, sql, rs -> rows.add(row.map(rs)), params);
        return rows;
    }

    /** The first row of a query with {@code params} mapped by {@code row}; empty when there is none. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }
}
