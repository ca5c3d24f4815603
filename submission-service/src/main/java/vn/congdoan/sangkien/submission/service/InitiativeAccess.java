package vn.congdoan.sangkien.submission.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.Visibility;

/** Who may see and change an initiative. */
@RequestScoped
public class InitiativeAccess {

    private final Caller caller;
    private final Hierarchy hierarchy;

    public InitiativeAccess(Caller caller, Hierarchy hierarchy) {
        this.caller = caller;
        this.hierarchy = hierarchy;
    }

    public boolean isAuthor(Initiative initiative) {
        return !caller.anonymous() && initiative.authors.stream().anyMatch(a -> a.memberId.equals(caller.subject()));
    }

    /**
     * Whether the caller may read the content (problem, solution, benefit, authors). PUBLIC: everyone. INTERNAL:
     * authors, assigned reviewers, members of the submitting unit's subtree, and admins and reviewers whose scope
     * holds the unit. CONFIDENTIAL: its authors and its assigned reviewers only.
     */
    public boolean mayReadContent(Initiative initiative) {
        if (initiative.visibility == Visibility.PUBLIC || isAuthor(initiative) || isAssignedReviewer(initiative)) {
            return true;
        }
        if (initiative.visibility == Visibility.CONFIDENTIAL || caller.anonymous()) {
            return false;
        }
        if (Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN, Roles.REVIEWER)) {
            return true;
        }
        return caller.has(Roles.MEMBER) && caller.unit().map(u -> hierarchy.within(u, initiative.unitId)).orElse(false);
    }

    /** Members submit for themselves (as an author) through a unit of their subtree; unit admins within theirs. */
    public void checkMayCreate(UUID unitId, List<String> authorIds) {
        caller.requireSignedIn();
        if (Scope.allows(caller, hierarchy, unitId, Roles.UNIT_ADMIN)) {
            return;
        }
        if (Scope.allows(caller, hierarchy, unitId, Roles.MEMBER)) {
            if (!authorIds.contains(caller.subject())) {
                throw ProblemException.unprocessable("authors", "The submitting member must be one of the authors");
            }
            return;
        }
        throw ProblemException.forbidden("You may submit only through a unit of your own subtree");
    }

    /**
     * An {@code externalRef} is the provincial system's id of an initiative, and that system's bulk import updates the
     * initiative holding it: only those who may import for the province (its administrators and its integration) may
     * name one, so that no member's initiative can be taken over by a later import, or block one.
     */
    public void checkMayNameExternalRef(Initiative initiative) {
        if (initiative.externalRef != null && !Scope.allows(caller, hierarchy, initiative.provinceId,
                Roles.UNIT_ADMIN, Roles.PROVINCE_INTEGRATION)) {
            throw new ProblemException(403, "Forbidden", "Only the province's administrators and its integration "
                    + "may give an initiative the provincial system's id", "externalRef");
        }
    }

    /** Submitting a draft: its authors, or unit admins whose scope holds its unit. */
    public void checkMaySubmit(Initiative initiative) {
        caller.requireSignedIn();
        if (!isAuthor(initiative) && !Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN)) {
            throw ProblemException.forbidden("Only its authors or a unit administrator may submit this initiative");
        }
    }

    public boolean isAssignedReviewer(Initiative initiative) {
        return !caller.anonymous() && initiative.isAssignedReviewer(caller.subject());
    }

    /** Whether the caller assigns the evaluation council's reviewers, and so may see who they are. */
    public boolean mayAssignReviewers(Initiative initiative) {
        return Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /** Assigning the evaluation council's reviewers: unit admins whose scope holds the initiative's unit. */
    public void checkMayAssignReviewers(Initiative initiative) {
        Scope.require(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /** Opening the review: its assigned reviewers, reviewers and unit admins whose scope holds its unit. */
    public void checkMayStartReview(Initiative initiative) {
        caller.requireSignedIn();
        if (!isAssignedReviewer(initiative)
                && !Scope.allows(caller, hierarchy, initiative.unitId, Roles.REVIEWER, Roles.UNIT_ADMIN)) {
            throw ProblemException.forbidden("Only an assigned reviewer, a reviewer or a unit administrator of the "
                    + "initiative's unit may open its review");
        }
    }

    /** Deciding: its assigned reviewers and reviewers whose scope holds its unit, never its authors. */
    public void checkMayReview(Initiative initiative) {
        caller.requireSignedIn();
        if (isAuthor(initiative)) {
            throw ProblemException.forbidden("An author cannot review their own initiative");
        }
        if (!isAssignedReviewer(initiative) && !Scope.allows(caller, hierarchy, initiative.unitId, Roles.REVIEWER)) {
            throw ProblemException.forbidden("Only an assigned reviewer or a reviewer of the initiative's unit may "
                    + "review it");
        }
    }

    /** Marking a duplicate: unit admins whose scope holds the initiative's unit. */
    public void checkMayMarkDuplicate(Initiative initiative) {
        Scope.require(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /** Withdrawing: its authors only. */
    public void checkMayWithdraw(Initiative initiative) {
        caller.requireSignedIn();
        if (!isAuthor(initiative)) {
            throw ProblemException.forbidden("Only an author may withdraw an initiative");
        }
    }
}
