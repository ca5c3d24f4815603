package vn.congdoan.sangkien.orgunit.service;

import java.util.Collection;
import java.util.Objects;

/**
 * How much of a unit's own target in a phase it has handed down to the units directly below it.
 *
 * @param target     the unit's own target; {@code null} when it has none
 * @param assigned   the sum of the targets of the units directly below it (those without one count nothing)
 * @param difference {@code assigned - target}: below zero under-assigned, above zero over-assigned; {@code null}
 *                   without a target of its own
 * @param status     the sign of the difference in words; {@code null} without a target of its own
 */
public record TargetAssignment(Long target, long assigned, Long difference, AssignmentStatus status) {

    public enum AssignmentStatus {
        /** Less than the unit's own target is handed down: part of it rests on no unit below. */
        UNDER_ASSIGNED,
        /** The targets below add up to the unit's own. */
        FULLY_ASSIGNED,
        /** More than the unit's own target is handed down (some parents ask their units for more than they owe). */
        OVER_ASSIGNED
    }

    /** @param childTargets the targets of the units directly below, {@code null} for one without a target */
    public static TargetAssignment of(Long target, Collection<Long> childTargets) {
        long assigned = childTargets.stream().filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        if (target == null) {
            return new TargetAssignment(null, assigned, null, null);
        }
        long difference = assigned - target;
        AssignmentStatus status = difference < 0 ? AssignmentStatus.UNDER_ASSIGNED
                : difference == 0 ? AssignmentStatus.FULLY_ASSIGNED : AssignmentStatus.OVER_ASSIGNED;
        return new TargetAssignment(target, assigned, difference, status);
    }
}
