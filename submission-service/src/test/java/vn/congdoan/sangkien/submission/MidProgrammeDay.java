package vn.congdoan.sangkien.submission;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;

/**
 * Tests of a province's own records that stand on one day, 15 April 2022 in Vietnam, in the middle of the programmes
 * they publish: what they check does not depend on today's date. The clock is back on the machine's time after each.
 */
abstract class MidProgrammeDay {

    static final Instant NOW = OffsetDateTime.parse("2022-04-15T10:00:00+07:00").toInstant();

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    TestProgrammes programmes;

    @Inject
    MovableClock clock;

    @Inject
    EntityManager em;

    @BeforeEach
    void standOnTheDay() {
        clock.set(NOW);
    }

    @AfterEach
    void backToTheMachinesTime() {
        clock.reset();
    }
}
