package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;

/**
 * A unit's page of targets in one phase: its own, those of the units directly below it on {@code day}, and how much
 * of its own it has handed down.
 */
public record UnitTargets(UnitAsOf unit, LocalDate day, TargetAssignment assignment, List<ChildTarget> children) {

    /** A unit directly below, with its target ({@code null}: none). */
    public record ChildTarget(UnitAsOf unit, Long target) {
    }

    static UnitTargets of(UnitAsOf unit, LocalDate day, List<UnitAsOf> children, Map<UUID, Long> targets) {
        List<ChildTarget> below = children.stream().map(c -> new ChildTarget(c, targets.get(c.id()))).toList();
        return new UnitTargets(unit, day, TargetAssignment.of(targets.get(unit.id()),
                below.stream().map(ChildTarget::target).toList()), below);
    }
}
