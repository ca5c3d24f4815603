package vn.congdoan.sangkien.orgunit.service;

import java.util.UUID;

/**
 * One row of a list of targets a parent assigns to the units directly below it, as sent: the unit by its id or its
 * code (or both, naming the same unit), and its target.
 */
public record TargetRow(UUID unitId, String unitCode, Long target) {
}
