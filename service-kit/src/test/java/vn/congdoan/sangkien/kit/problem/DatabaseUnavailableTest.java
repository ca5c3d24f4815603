package vn.congdoan.sangkien.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aConnectionCutByAStoppingServerMeansUnavailable() {
        SQLException cut = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("Could not read", cut))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("the database system is starting up",
                "57P03"))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("Connection refused", "08001"))).isTrue();
    }

    @Test
    void aBrokenRuleIsNotUnavailability() {
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("query canceled", "57014"))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("no cause"))).isFalse();
    }
}
