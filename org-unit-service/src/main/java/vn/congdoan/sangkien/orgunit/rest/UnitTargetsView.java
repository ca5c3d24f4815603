package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.orgunit.service.TargetAssignment;
import vn.congdoan.sangkien.orgunit.service.UnitTargets;

/** A unit's page of targets in one phase: its own, those it handed down, and how they compare. */
public record UnitTargetsView(
        String programmeCode,
        String phaseCode,
        @Schema(description = "The day whose units directly below are listed") LocalDate asOf,
        UUID unitId,
        String code,
        String name,
        OrgUnitType type,
        @Schema(description = "The unit's own target, set by the administrators of its parent; null when it has none")
        Long target,
        @Schema(description = "The sum of the targets of the units directly below it") long assigned,
        @Schema(description = "assigned − target: below 0 under-assigned, above 0 over-assigned; null without a "
                + "target of its own") Long difference,
        @Schema(description = "null without a target of its own") TargetAssignment.AssignmentStatus status,
        @Schema(description = "Every unit directly below it that day, by code, with its target (null: none)")
        List<ChildTarget> children) {

    /** A unit directly below, with its target. */
    public record ChildTarget(UUID unitId, String code, String name, OrgUnitType type, Long target) {
    }

    static UnitTargetsView of(String programmeCode, String phaseCode, UnitTargets page) {
        var unit = page.unit();
        var assignment = page.assignment();
        return new UnitTargetsView(programmeCode, phaseCode, page.day(), unit.id(), unit.code(), unit.name(),
                unit.type(), assignment.target(), assignment.assigned(), assignment.difference(), assignment.status(),
                page.children().stream().map(c -> new ChildTarget(c.unit().id(), c.unit().code(), c.unit().name(),
                        c.unit().type(), c.target())).toList());
    }
}
