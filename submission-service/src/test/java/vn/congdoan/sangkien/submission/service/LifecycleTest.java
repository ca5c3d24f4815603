package vn.congdoan.sangkien.submission.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.congdoan.sangkien.events.InitiativeStatus.DRAFT;
import static vn.congdoan.sangkien.events.InitiativeStatus.DUPLICATE;
import static vn.congdoan.sangkien.events.InitiativeStatus.NOT_RECOGNIZED;
import static vn.congdoan.sangkien.events.InitiativeStatus.RECOGNIZED;
import static vn.congdoan.sangkien.events.InitiativeStatus.SUBMITTED;
import static vn.congdoan.sangkien.events.InitiativeStatus.UNDER_REVIEW;
import static vn.congdoan.sangkien.events.InitiativeStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.problem.ProblemException;

/** The lifecycle of an initiative and the counting rule of the standings, as plain rules. */
class LifecycleTest {

    @Test
    void aDraftIsSubmittedThenReviewedOrWithdrawn() {
        assertThat(next(DRAFT)).containsExactly(SUBMITTED);
        assertThat(next(SUBMITTED)).containsExactlyInAnyOrder(UNDER_REVIEW, WITHDRAWN, DUPLICATE);
        assertThat(next(UNDER_REVIEW)).containsExactlyInAnyOrder(RECOGNIZED, NOT_RECOGNIZED, WITHDRAWN, DUPLICATE);
        assertThat(next(RECOGNIZED)).containsExactly(DUPLICATE);
        assertThat(next(NOT_RECOGNIZED)).containsExactly(DUPLICATE);
        assertThat(next(WITHDRAWN)).isEmpty();
        assertThat(next(DUPLICATE)).isEmpty();
    }

    @Test
    void anIllegalMoveIsAConflictNamingTheStatusAndWhatIsAllowed() {
        assertThatThrownBy(() -> Lifecycle.check(DRAFT, RECOGNIZED)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.field()).isEqualTo("status");
                    assertThat(e.getMessage()).contains("allowed: [SUBMITTED]");
                });
        assertThatThrownBy(() -> Lifecycle.check(WITHDRAWN, SUBMITTED)).hasMessageContaining("WITHDRAWN is final");
    }

    @Test
    void anInitiativeCountsFromItsSubmissionUntilItIsWithdrawnOrADuplicate() {
        assertThat(EnumSet.allOf(InitiativeStatus.class).stream().filter(InitiativeStatus::countsAsSubmission))
                .containsExactlyInAnyOrder(SUBMITTED, UNDER_REVIEW, RECOGNIZED, NOT_RECOGNIZED);
        assertThat(EnumSet.allOf(InitiativeStatus.class).stream().filter(InitiativeStatus::countsAsRecognized))
                .containsExactly(RECOGNIZED);
    }

    /** Whatever the path, a move never makes a counted initiative count twice: it only stops or starts counting. */
    @ParameterizedTest
    @EnumSource(InitiativeStatus.class)
    void onceItStopsCountingNothingMakesItCountAgain(InitiativeStatus from) {
        if (!from.countsAsSubmission() && from != DRAFT) {
            assertThat(next(from)).noneMatch(InitiativeStatus::countsAsSubmission);
        }
    }

    private static Set<InitiativeStatus> next(InitiativeStatus from) {
        Set<InitiativeStatus> next = EnumSet.noneOf(InitiativeStatus.class);
        for (InitiativeStatus to : InitiativeStatus.values()) {
            if (Lifecycle.allowed(from, to)) {
                next.add(to);
            }
        }
        return next;
    }
}
