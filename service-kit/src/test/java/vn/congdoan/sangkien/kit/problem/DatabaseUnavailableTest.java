package vn.congdoan.sangkien.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.JDBCConnectionException;
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
    void aCommitCutOffIsUnavailabilityThoughTheTransactionManagerOnlySuppressesTheCause() {
        // What Narayana throws when the connection dies inside COMMIT: the database's error is suppressed, not a
        // cause, and the suppressed exception refers back to the one that carries it.
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        xa.addSuppressed(rollback);
        rollback.addSuppressed(xa);
        assertThat(ProblemMappers.isDatabaseUnavailable(new RuntimeException("Error invoking", rollback))).isTrue();

        Exception deferredDuplicate = new IllegalStateException("Could not commit transaction.");
        deferredDuplicate.addSuppressed(new SQLException("duplicate key", "23505"));
        assertThat(ProblemMappers.isUniqueViolation(deferredDuplicate)).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(deferredDuplicate)).isFalse();
    }

    @Test
    void aDatabaseThatDoesNotAnswerInTimeIsUnavailable() {
        // statement_timeout and lock_timeout: the request waited its deadline for a stalled database
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("canceling statement due to statement timeout",
                "57014"))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("canceling statement due to lock timeout",
                "55P03"))).isTrue();
    }

    @Test
    void hibernatesOwnExceptionsAreKnownByName() {
        // a connection lost under Hibernate, its cause without an SQLSTATE
        assertThat(ProblemMappers.isDatabaseUnavailable(new RuntimeException("flush failed",
                new JDBCConnectionException("could not execute statement", new SQLException("I/O error")))))
                .isTrue();
        // a row another transaction changed since it was read, not turned into the JPA exception
        ProblemException stale = ProblemMappers.unexpected(new IllegalStateException("commit failed",
                new StaleObjectStateException("Initiative", 1)));
        assertThat(stale.type()).isEqualTo(ProblemType.CONCURRENT_CHANGE);
        assertThat(ProblemMappers.unexpected(new IllegalStateException("no cause")).type())
                .isEqualTo(ProblemType.INTERNAL_ERROR);
    }

    @Test
    void aBrokenRuleIsNotUnavailability() {
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("violates check constraint", "23514")))
                .isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("no cause"))).isFalse();
    }
}
