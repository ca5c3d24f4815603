package vn.congdoan.sangkien.submission.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.service.InitiativeAccess;

/**
 * {@link InitiativeAccess#mayReadContent} for the many items of one answer: for an INTERNAL initiative the caller did
 * neither wrote nor was assigned to review, the answer depends on its unit alone, so each unit's subtree is checked
 * once.
 */
final class ReadableContent {

    private final InitiativeAccess access;
    private final Map<UUID, Boolean> internalByUnit = new HashMap<>();

    ReadableContent(InitiativeAccess access) {
        this.access = access;
    }

    boolean test(Initiative initiative) {
        if (initiative.visibility == Visibility.INTERNAL && !access.isAuthor(initiative)
                && !access.isAssignedReviewer(initiative)) {
            return internalByUnit.computeIfAbsent(initiative.unitId, u -> access.mayReadContent(initiative));
        }
        return access.mayReadContent(initiative);
    }
}
