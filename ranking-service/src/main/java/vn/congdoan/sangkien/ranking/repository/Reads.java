package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs the reads of the standings' repositories, each on a connection of its own. */
final class Reads {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Reads() {
    }

    static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the standings: " + e.getMessage(), e);
        }
    }
}
