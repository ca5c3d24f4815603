package vn.congdoan.sangkien.kit.security;

import java.util.UUID;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/** Role-in-subtree checks: a role held for unit U allows acting on U and everything below it. */
public final class Scope {

    private Scope() {
    }

    /** Whether the caller holds one of {@code roles} for a unit that contains {@code target} (national admins always). */
    public static boolean allows(Caller caller, Hierarchy hierarchy, UUID target, String... roles) {
        if (caller.anonymous()) {
            return false;
        }
        if (caller.has(Roles.NATIONAL_ADMIN)) {
            return true;
        }
        UUID scope = caller.unit().orElse(null);
        if (scope == null || target == null) {
            return false;
        }
        for (String role : roles) {
            if (caller.has(role) && hierarchy.within(target, scope)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller holds one of {@code roles} for a unit that contains {@code target}, national administrators
     * included only when they hold the role too: for acts that take the role itself (deciding a review).
     */
    public static boolean holds(Caller caller, Hierarchy hierarchy, UUID target, String... roles) {
        if (caller.anonymous() || target == null) {
            return false;
        }
        UUID scope = caller.unit().orElse(null);
        for (String role : roles) {
            if (caller.has(role) && (scope != null && hierarchy.within(target, scope))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may administer {@code target} itself: national administrators, and holders of one of
     * {@code roles} for a unit strictly above it. An administrator acts on the units below their own, never on their
     * own unit (its name, its member count, its place, its end), which those above it keep.
     */
    public static boolean allowsBelow(Caller caller, Hierarchy hierarchy, UUID target, String... roles) {
        if (caller.anonymous()) {
            return false;
        }
        if (caller.has(Roles.NATIONAL_ADMIN)) {
            return true;
        }
        UUID scope = caller.unit().orElse(null);
        return scope != null && !scope.equals(target) && allows(caller, hierarchy, target, roles);
    }

    /** @throws ProblemException 401 for anonymous callers, 403 unless {@link #allowsBelow} */
    public static void requireBelow(Caller caller, Hierarchy hierarchy, UUID target, String... roles) {
        caller.requireSignedIn();
        if (!allowsBelow(caller, hierarchy, target, roles)) {
            throw ProblemException.forbidden(Text.of("Your roles cover the units below your own unit, not this one",
                    "Vai trò của bạn áp dụng cho các đơn vị cấp dưới đơn vị của bạn, không cho đơn vị này"));
        }
    }

    /** @throws ProblemException 401 for anonymous callers, 403 when outside the caller's scope */
    public static void require(Caller caller, Hierarchy hierarchy, UUID target, String... roles) {
        caller.requireSignedIn();
        if (!allows(caller, hierarchy, target, roles)) {
            throw ProblemException.forbidden(Text.of("Your roles do not cover this unit",
                    "Vai trò của bạn không bao gồm đơn vị này"));
        }
    }

    /** @throws ProblemException 401 for anonymous callers, 403 unless a national admin */
    public static void requireNationalAdmin(Caller caller) {
        caller.requireSignedIn();
        if (!caller.has(Roles.NATIONAL_ADMIN)) {
            throw ProblemException.forbidden(Text.of("Only a national administrator may do this",
                    "Chỉ quản trị viên cấp Trung ương được làm việc này"));
        }
    }
}
