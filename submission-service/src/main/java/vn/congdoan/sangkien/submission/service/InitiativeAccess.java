package vn.congdoan.sangkien.submission.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Reader;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;

/**
 * Who may see and change an initiative. The rules of the evaluation council separate duties: an administrator assigns
 * the reviewers but never themselves; deciding takes the REVIEWER role for the initiative's unit or an assignment made
 * by someone else; neither an author nor whoever assigned the council decides.
 */
@RequestScoped
public class InitiativeAccess {

    private final Caller caller;
    private final Hierarchy hierarchy;
    private final OrgUnitReplicaRepository units;

    public InitiativeAccess(Caller caller, Hierarchy hierarchy, OrgUnitReplicaRepository units) {
        this.caller = caller;
        this.hierarchy = hierarchy;
        this.units = units;
    }

    /** Whether the caller is listed as an author, confirmed or only claimed by whoever submitted it. */
    public boolean isAuthor(Initiative initiative) {
        return !caller.anonymous() && initiative.isListedAuthor(caller.subject());
    }

    /** Whether the caller is an author who confirmed it: they act on it as its author (submit, withdraw). */
    public boolean isConfirmedAuthor(Initiative initiative) {
        return !caller.anonymous() && initiative.isConfirmedAuthor(caller.subject());
    }

    /**
     * Whether the caller may read the content (problem, solution, benefit, authors). PUBLIC: everyone. INTERNAL:
     * authors, assigned reviewers, members of the submitting unit's subtree, and admins and reviewers whose scope
     * holds the unit. CONFIDENTIAL: its authors and its assigned reviewers only. {@link #reader()} says the same to
     * the database.
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

    /** The caller as {@link #mayReadContent} sees them, for queries that must return only what they may read. */
    public Reader reader() {
        if (caller.anonymous()) {
            return Reader.ANONYMOUS;
        }
        UUID unit = caller.unit().orElse(null);
        return new Reader(caller.subject(), caller.has(Roles.NATIONAL_ADMIN),
                caller.has(Roles.UNIT_ADMIN) || caller.has(Roles.REVIEWER) ? unit : null,
                caller.has(Roles.MEMBER) ? unit : null);
    }

    /**
     * Members submit for themselves (as an author) through a unit of their subtree; unit admins within theirs.
     *
     * @return whether the caller vouches for every author listed (an officer), rather than for themselves only (a
     *         member, whose co-authors are claimed until they confirm)
     */
    public boolean checkMayCreate(UUID unitId, List<String> authorIds) {
        caller.requireSignedIn();
        if (Scope.allows(caller, hierarchy, unitId, Roles.UNIT_ADMIN)) {
            return true;
        }
        if (Scope.allows(caller, hierarchy, unitId, Roles.MEMBER)) {
            if (!authorIds.contains(caller.subject())) {
                throw ProblemException.unprocessable("authors", Text.of("The submitting member must be one of the "
                        + "authors", "Đoàn viên gửi sáng kiến phải là một trong các tác giả"));
            }
            return false;
        }
        throw ProblemException.forbidden(Text.of("You may submit only through a unit of your own subtree",
                "Bạn chỉ được gửi sáng kiến qua một đơn vị thuộc phạm vi của mình"));
    }

    /**
     * An {@code externalRef} is the provincial system's id of an initiative, and that system's bulk import updates the
     * initiative holding it: only those who may import for the province (its administrators and its integration) may
     * name one, so that no member's initiative can be taken over by a later import, or block one.
     */
    public void checkMayNameExternalRef(Initiative initiative) {
        if (initiative.externalRef != null && !Scope.allows(caller, hierarchy, initiative.provinceId,
                Roles.UNIT_ADMIN, Roles.PROVINCE_INTEGRATION)) {
            throw new ProblemException(ProblemType.FORBIDDEN, Text.of("Only the province's administrators and its "
                    + "integration may give an initiative the provincial system's id", "Chỉ quản trị viên và hệ thống "
                    + "tích hợp của tỉnh được gán mã của hệ thống tỉnh (externalRef) cho sáng kiến"), "externalRef");
        }
    }

    /**
     * The province a provincial system's request names, by id or code, once the caller may work for it as a whole
     * (bulk import and export, its counts): its integration key or token, its unit administrators, national
     * administrators.
     *
     * @throws ProblemException 401 signed out, 400 without {@code province}, 404 for no such province, 403 otherwise
     */
    public OrgUnitReplica provinceForIntegration(String province) {
        caller.requireSignedIn();
        if (province == null || province.isBlank()) {
            throw ProblemException.badRequest("province", Text.of("is required: the id or code of a provincial "
                    + "federation", "là bắt buộc: id hoặc mã của một liên đoàn lao động tỉnh, thành phố"));
        }
        OrgUnitReplica target = units.findProvince(province)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Provincial federation",
                        "Liên đoàn lao động tỉnh, thành phố"), province.strip()));
        Scope.require(caller, hierarchy, target.id, Roles.PROVINCE_INTEGRATION, Roles.UNIT_ADMIN);
        return target;
    }

    /** Submitting a draft: its confirmed authors, or unit admins whose scope holds its unit. */
    public void checkMaySubmit(Initiative initiative) {
        caller.requireSignedIn();
        if (!isConfirmedAuthor(initiative) && !Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN)) {
            throw ProblemException.forbidden(Text.of("Only its authors or a unit administrator may submit this "
                    + "initiative", "Chỉ tác giả hoặc quản trị viên đơn vị được gửi sáng kiến này"));
        }
    }

    /** Editing or deleting a draft: its confirmed authors, or unit admins whose scope holds its unit. */
    public void checkMayEdit(Initiative initiative) {
        caller.requireSignedIn();
        if (!isConfirmedAuthor(initiative) && !vouchesForAuthors(initiative)) {
            throw ProblemException.forbidden(Text.of("Only its authors or a unit administrator may change this "
                    + "initiative", "Chỉ tác giả hoặc quản trị viên đơn vị được sửa hay xóa sáng kiến này"));
        }
    }

    /**
     * Whether the caller vouches for every author they list, as an officer of the initiative's unit does; a member
     * vouches only for themselves, and the co-authors they name are claimed until they confirm.
     */
    public boolean vouchesForAuthors(Initiative initiative) {
        return Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /** Confirming or declining authorship: a member listed as an author. */
    public void checkIsListedAuthor(Initiative initiative) {
        caller.requireSignedIn();
        if (!isAuthor(initiative)) {
            throw ProblemException.forbidden(Text.of("Only a member listed as an author confirms or declines "
                    + "authorship", "Chỉ đoàn viên có tên trong danh sách tác giả mới xác nhận hoặc từ chối"));
        }
    }

    /** Whether the caller was assigned to the initiative's council by someone else. */
    public boolean isAssignedReviewer(Initiative initiative) {
        return !caller.anonymous() && initiative.isAssignedReviewer(caller.subject());
    }

    /** Whether the caller assigns the evaluation council's reviewers, and so may see who they are. */
    public boolean mayAssignReviewers(Initiative initiative) {
        return Scope.allows(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /**
     * Assigning the evaluation council's reviewers: unit admins whose scope holds the initiative's unit, who may not
     * assign themselves (a reviewer reads the content whatever its visibility, and decides).
     */
    public void checkMayAssignReviewers(Initiative initiative, Iterable<String> memberIds) {
        Scope.require(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
        for (String memberId : memberIds) {
            if (memberId.equals(caller.subject())) {
                throw ProblemException.unprocessable("memberIds", Text.of("You cannot assign yourself to the "
                        + "evaluation council of an initiative: another administrator must", "Bạn không thể tự phân "
                        + "công mình vào hội đồng đánh giá sáng kiến: việc đó do một quản trị viên khác làm"));
            }
        }
    }

    /** Opening the review: its assigned reviewers, reviewers and unit admins whose scope holds its unit. */
    public void checkMayStartReview(Initiative initiative) {
        caller.requireSignedIn();
        if (!isAssignedReviewer(initiative)
                && !Scope.allows(caller, hierarchy, initiative.unitId, Roles.REVIEWER, Roles.UNIT_ADMIN)) {
            throw ProblemException.forbidden(Text.of("Only an assigned reviewer, a reviewer or a unit administrator "
                    + "of the initiative's unit may open its review", "Chỉ người được phân công đánh giá, người đánh "
                    + "giá hoặc quản trị viên của đơn vị được mở việc đánh giá sáng kiến"));
        }
    }

    /**
     * Deciding: a member assigned to its council by someone else, or a holder of the REVIEWER role whose scope holds
     * its unit (a national administrator decides only as a reviewer); never one of its authors, never whoever assigned
     * its council.
     */
    public void checkMayReview(Initiative initiative) {
        caller.requireSignedIn();
        if (isAuthor(initiative)) {
            throw ProblemException.forbidden(Text.of("An author cannot review their own initiative",
                    "Tác giả không được đánh giá sáng kiến của chính mình"));
        }
        if (initiative.isReviewerAssigner(caller.subject())) {
            throw ProblemException.forbidden(Text.of("Whoever assigned the evaluation council does not decide; its "
                    + "members do", "Người phân công hội đồng đánh giá không ra quyết định; các thành viên hội đồng "
                    + "quyết định"));
        }
        if (!isAssignedReviewer(initiative) && !Scope.holds(caller, hierarchy, initiative.unitId, Roles.REVIEWER)) {
            throw ProblemException.forbidden(Text.of("Only an assigned reviewer or a reviewer of the initiative's "
                    + "unit may review it", "Chỉ người được phân công hoặc người đánh giá của đơn vị được đánh giá "
                    + "sáng kiến này"));
        }
    }

    /** Marking a duplicate: unit admins whose scope holds the initiative's unit. */
    public void checkMayMarkDuplicate(Initiative initiative) {
        Scope.require(caller, hierarchy, initiative.unitId, Roles.UNIT_ADMIN);
    }

    /** Withdrawing: its confirmed authors only. */
    public void checkMayWithdraw(Initiative initiative) {
        caller.requireSignedIn();
        if (!isConfirmedAuthor(initiative)) {
            throw ProblemException.forbidden(Text.of("Only an author may withdraw an initiative",
                    "Chỉ tác giả được rút sáng kiến"));
        }
    }
}
