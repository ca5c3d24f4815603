package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.orgunit.Grouping;
import vn.congdoan.sangkien.orgunit.GroupingMembership;
import vn.congdoan.sangkien.orgunit.OrgUnit;

class GroupingRulesTest {

    private static final LocalDate JAN_1 = LocalDate.of(2022, 1, 1);
    private static final LocalDate JUL_1 = LocalDate.of(2022, 7, 1);

    @Test
    void aPeriodIncludesItsFirstDayAndExcludesItsEnd() {
        assertThat(GroupingRules.inForce(JAN_1, JUL_1, JAN_1)).isTrue();
        assertThat(GroupingRules.inForce(JAN_1, JUL_1, JUL_1.minusDays(1))).isTrue();
        assertThat(GroupingRules.inForce(JAN_1, JUL_1, JUL_1)).isFalse();
        assertThat(GroupingRules.inForce(JAN_1, JUL_1, JAN_1.minusDays(1))).isFalse();
    }

    @Test
    void missingDatesAreOpenEnds() {
        assertThat(GroupingRules.inForce(null, null, LocalDate.of(1990, 1, 1))).isTrue();
        assertThat(GroupingRules.inForce(null, JUL_1, LocalDate.of(1990, 1, 1))).isTrue();
        assertThat(GroupingRules.inForce(JAN_1, null, LocalDate.of(2099, 1, 1))).isTrue();
    }

    @Test
    void periodsThatMeetDoNotOverlap() {
        assertThat(GroupingRules.overlaps(JAN_1, JUL_1, JUL_1, null)).isFalse();
        assertThat(GroupingRules.overlaps(JUL_1, null, JAN_1, JUL_1)).isFalse();
        assertThat(GroupingRules.overlaps(JAN_1, JUL_1, JUL_1.minusDays(1), null)).isTrue();
        assertThat(GroupingRules.overlaps(null, JUL_1, JAN_1, null)).isTrue();
        assertThat(GroupingRules.overlaps(null, null, JAN_1, JUL_1)).isTrue();
    }

    @Test
    void anEndMustComeAfterTheStart() {
        assertThatCode(() -> GroupingRules.checkEnd("validTo", JAN_1, JUL_1)).doesNotThrowAnyException();
        assertThatCode(() -> GroupingRules.checkEnd("validTo", null, JUL_1)).doesNotThrowAnyException();
        assertProblem(() -> GroupingRules.checkEnd("validTo", JAN_1, JAN_1), 422, "validTo");
        assertProblem(() -> GroupingRules.checkEnd("validTo", JUL_1, JAN_1), 422, "validTo");
    }

    @Test
    void aUnitMayRejoinAfterItsMembershipEnded() {
        Grouping cluster = grouping(null, null);
        OrgUnit ngheAn = unit();
        member(cluster, ngheAn, null, JAN_1);

        assertThatCode(() -> GroupingRules.checkNewMembership(cluster, ngheAn, JAN_1)).doesNotThrowAnyException();
        assertProblem(() -> GroupingRules.checkNewMembership(cluster, ngheAn, JAN_1.minusDays(1)), 409, "unitId");
    }

    @Test
    void anOpenMembershipBlocksAnother() {
        Grouping cluster = grouping(null, null);
        OrgUnit ngheAn = unit();
        member(cluster, ngheAn, JAN_1, null);

        assertProblem(() -> GroupingRules.checkNewMembership(cluster, ngheAn, JUL_1), 409, "unitId");
        assertThatCode(() -> GroupingRules.checkNewMembership(cluster, unit(), JUL_1)).doesNotThrowAnyException();
    }

    @Test
    void aMembershipStaysInsideTheGroupingAndTheUnit() {
        assertProblem(() -> GroupingRules.checkNewMembership(grouping(JAN_1, null), unit(), JAN_1.minusDays(1)),
                422, "validFrom");
        assertProblem(() -> GroupingRules.checkNewMembership(grouping(null, JUL_1), unit(), JUL_1), 422, "validFrom");

        OrgUnit merged = unit();
        merged.validTo = LocalDate.of(2025, 7, 1);
        assertProblem(() -> GroupingRules.checkNewMembership(grouping(null, null), merged, LocalDate.of(2025, 7, 1)),
                422, "unitId");
        assertThatCode(() -> GroupingRules.checkNewMembership(grouping(null, null), merged, JAN_1))
                .doesNotThrowAnyException();
    }

    private static Grouping grouping(LocalDate from, LocalDate to) {
        Grouping g = new Grouping();
        g.id = UUID.randomUUID();
        g.code = "CLUSTER-TEST";
        g.kind = GroupingKind.EMULATION_CLUSTER;
        g.validFrom = from;
        g.validTo = to;
        return g;
    }

    private static OrgUnit unit() {
        OrgUnit u = new OrgUnit();
        u.id = UUID.randomUUID();
        u.code = "40";
        return u;
    }

    private static void member(Grouping g, OrgUnit u, LocalDate from, LocalDate to) {
        GroupingMembership m = new GroupingMembership();
        m.grouping = g;
        m.unitId = u.id;
        m.validFrom = from;
        m.validTo = to;
        g.memberships.add(m);
    }

    private static void assertProblem(Runnable call, int status, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
