package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.orgunit.service.TargetAssignment.AssignmentStatus;

/** How much of its own target a unit has handed down. */
class TargetAssignmentTest {

    @Test
    void lessHandedDownThanTheUnitsOwnTargetIsUnderAssigned() {
        // Nghệ An's phase-1 target was 3,000; two districts got 1,200 and 900, a third none yet
        assertThat(TargetAssignment.of(3000L, Arrays.asList(1200L, 900L, null)))
                .isEqualTo(new TargetAssignment(3000L, 2100, -900L, AssignmentStatus.UNDER_ASSIGNED));
    }

    @Test
    void exactlyItsOwnTargetIsFullyAssignedAndMoreIsOverAssigned() {
        assertThat(TargetAssignment.of(3000L, List.of(1500L, 1500L)).status())
                .isEqualTo(AssignmentStatus.FULLY_ASSIGNED);
        assertThat(TargetAssignment.of(3000L, List.of(1500L, 1600L)))
                .isEqualTo(new TargetAssignment(3000L, 3100, 100L, AssignmentStatus.OVER_ASSIGNED));
        assertThat(TargetAssignment.of(0L, List.of()).status()).isEqualTo(AssignmentStatus.FULLY_ASSIGNED);
    }

    @Test
    void withoutATargetOfItsOwnOnlyTheSumIsKnown() {
        assertThat(TargetAssignment.of(null, List.of(400L, 600L)))
                .isEqualTo(new TargetAssignment(null, 1000, null, null));
    }
}
