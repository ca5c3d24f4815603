package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.Grouping;
import vn.congdoan.sangkien.orgunit.GroupingMembership;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.GroupingMember;
import vn.congdoan.sangkien.orgunit.repository.GroupingRepository;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;

/**
 * Regions and emulation clusters. Each change publishes the grouping's whole state on {@code org-groupings.v1}
 * in the same transaction, with the version the change gave it.
 */
@ApplicationScoped
public class GroupingService {

    private final GroupingRepository groupings;
    private final OrgUnitRepository units;
    private final Outbox outbox;
    private final Clock clock;

    public GroupingService(GroupingRepository groupings, OrgUnitRepository units, Outbox outbox) {
        this.groupings = groupings;
        this.units = units;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    public Optional<Grouping> find(UUID id) {
        return groupings.findWithMembers(id);
    }

    public Optional<Grouping> findByCode(String code) {
        return groupings.findByCodeWithMembers(code);
    }

    /** Groupings in force on {@code asOf} (today when null), of one kind or all. */
    public List<Grouping> list(GroupingKind kind, LocalDate asOf) {
        return groupings.listInForce(kind, dayOrToday(asOf));
    }

    /** The members on {@code asOf} (today when null); none on a day the grouping itself is not in force. */
    public List<GroupingMember> members(UUID id, LocalDate asOf) {
        Grouping grouping = groupings.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(Texts.GROUPING, id));
        LocalDate day = dayOrToday(asOf);
        if (!GroupingRules.inForce(grouping.validFrom, grouping.validTo, day)) {
            return List.of();
        }
        return groupings.membersOn(id, day);
    }

    @Transactional
    public Grouping create(String code, String name, GroupingKind kind, LocalDate validFrom, LocalDate validTo) {
        if (groupings.codeTaken(code)) {
            throw ProblemException.conflict("code", Text.of("A grouping with code " + code + " already exists",
                    "Đã có nhóm mang mã " + code));
        }
        GroupingRules.checkEnd("validTo", validFrom, validTo);
        Grouping grouping = new Grouping();
        grouping.id = UUID.randomUUID();
        grouping.code = code;
        grouping.name = name;
        grouping.kind = kind;
        grouping.validFrom = validFrom;
        grouping.validTo = validTo;
        grouping.createdAt = clock.instant();
        grouping.updatedAt = grouping.createdAt;
        groupings.persist(grouping);
        return publish(grouping);
    }

    @Transactional
    public Grouping rename(UUID id, String name) {
        Grouping grouping = load(id);
        if (grouping.name.equals(name)) {
            return grouping;
        }
        grouping.name = name;
        return publish(touch(grouping));
    }

    /** Adds {@code unitId} from {@code validFrom}; without a date the membership starts with the grouping. */
    @Transactional
    public Grouping addMember(UUID id, UUID unitId, LocalDate validFrom) {
        Grouping grouping = load(id);
        OrgUnit unit = units.findByIdOptional(unitId).orElseThrow(() -> ProblemException.unprocessable("unitId",
                Text.of("Unit " + unitId + " does not exist", "Không có đơn vị " + unitId)));
        LocalDate from = validFrom != null ? validFrom : grouping.validFrom;
        GroupingRules.checkNewMembership(grouping, unit, from);
        GroupingMembership membership = new GroupingMembership();
        membership.grouping = grouping;
        membership.unitId = unit.id;
        membership.validFrom = from;
        grouping.memberships.add(membership);
        return publish(touch(grouping));
    }

    /** Ends the open membership of {@code unitId}: {@code validTo} is the first day it no longer applies. */
    @Transactional
    public Grouping endMembership(UUID id, UUID unitId, LocalDate validTo) {
        Grouping grouping = load(id);
        List<GroupingMembership> ofUnit = grouping.memberships.stream().filter(m -> m.unitId.equals(unitId)).toList();
        if (ofUnit.isEmpty()) {
            throw ProblemException.notFound(Text.of("Membership of unit " + unitId + " in grouping",
                    "Tư cách thành viên của đơn vị " + unitId + " trong nhóm"), grouping.code);
        }
        GroupingMembership open = ofUnit.stream().filter(m -> m.validTo == null).findFirst()
                .orElseThrow(() -> ProblemException.conflict("unitId", Text.of("The membership of unit " + unitId
                        + " in " + grouping.code + " has already ended", "Tư cách thành viên của đơn vị " + unitId
                        + " trong " + grouping.code + " đã kết thúc")));
        GroupingRules.checkEnd("validTo", open.validFrom, validTo);
        open.validTo = validTo;
        return publish(touch(grouping));
    }

    private Grouping load(UUID id) {
        return groupings.findWithMembers(id).orElseThrow(() -> ProblemException.notFound(Texts.GROUPING, id));
    }

    /** Dirties the grouping itself, so that a change to its memberships also raises its version. */
    private Grouping touch(Grouping grouping) {
        grouping.updatedAt = clock.instant();
        return grouping;
    }

    /** Flushes first: the event must carry the version the change gets. */
    private Grouping publish(Grouping grouping) {
        groupings.flush();
        outbox.append(Topics.GROUPINGS, grouping.id, grouping.toState());
        return grouping;
    }

    private LocalDate dayOrToday(LocalDate asOf) {
        return asOf != null ? asOf : ProgrammeCalendar.today(clock);
    }
}
