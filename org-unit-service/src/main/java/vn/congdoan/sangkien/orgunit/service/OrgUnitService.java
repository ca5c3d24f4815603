package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.Versions;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.OrgUnitPeriod;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitPeriodRepository;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;

/**
 * Changes to the hierarchy. Each change keeps the unit's timeline (so reads as of a past day still answer with the
 * structure of that day) and publishes the new state of every unit it touched on {@code org-units.v1}, in the same
 * transaction. Changes of the structure take the hierarchy's lock first and check their rules inside it.
 *
 * <p>A rename, move or merge sent with a day takes effect on that day, today or past: the unit's row and its event
 * carry the state in force today. One decided ahead of its day waits in {@link ScheduledChanges}, which applies it
 * through the methods that take a {@code day} when the day comes. Ends ({@code validTo}) and starts
 * ({@code validFrom}) may lie ahead: the event carries them.
 */
@ApplicationScoped
public class OrgUnitService {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final OrgUnitRepository units;
    private final OrgUnitPeriodRepository periods;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public OrgUnitService(OrgUnitRepository units, OrgUnitPeriodRepository periods, Outbox outbox) {
        this.units = units;
        this.periods = periods;
        this.outbox = outbox;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), VIETNAM);
    }

    public Optional<OrgUnit> find(UUID id) {
        return units.findByIdOptional(id);
    }

    public Optional<OrgUnit> findByCode(String code) {
        return units.findByCode(code);
    }

    /**
     * The province, or national sector or corporation union, that holds a unit as the hierarchy stands: the unit
     * itself at that level; empty for the confederation and for an unknown unit.
     */
    public Optional<UUID> nationalLevelUnit(UUID id) {
        return units.nationalLevelUnit(id);
    }

    @Transactional
    public OrgUnit create(NewOrgUnit request) {
        units.lockStructure();
        if (units.findByCode(request.code()).isPresent()) {
            throw ProblemException.conflict("code", Text.of("A unit with code " + request.code() + " already exists",
                    "Đã có đơn vị mang mã " + request.code()));
        }
        OrgUnit parent = activeParent(request.parentId());
        HierarchyRules.checkPlacement(request.type(), parent.type);
        // A unit created without a start date starts today: it did not exist in the past that asOf reads show.
        LocalDate validFrom = request.validFrom() != null ? request.validFrom() : today();
        UnitPeriodRules.Violation outside = UnitPeriodRules.check(validFrom, null, "parentId", parent.code,
                parent.validFrom, parent.validTo);
        if (outside != null) {
            throw outside.problem();
        }
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.code = request.code();
        unit.name = request.name();
        unit.type = request.type();
        unit.parentId = parent.id;
        unit.provinceId = request.type() == OrgUnitType.PROVINCIAL_FEDERATION ? unit.id : parent.provinceId;
        unit.memberCount = request.memberCount();
        unit.memberCountAsOf = request.memberCountAsOf();
        unit.sector = request.sector();
        unit.validFrom = validFrom;
        Instant now = clock.instant();
        unit.createdAt = now;
        unit.updatedAt = now;
        units.persist(unit);
        periods.persist(OrgUnitPeriod.of(unit, unit.validFrom));
        publish(unit);
        return unit;
    }

    /**
     * Renames a unit from {@code effectiveFrom} (default today) and/or sets its member count or its sector.
     *
     * @param expectedVersion the version the caller read (If-Match)
     */
    @Transactional
    public OrgUnit update(UUID id, long expectedVersion, UnitUpdate update) {
        return update(id, expectedVersion, update, changeDay(update.effectiveFrom(), "effectiveFrom"));
    }

    /**
     * Renames a unit from {@code from}, which may lie ahead (a scheduled change's day), and/or sets its member count
     * or its sector.
     *
     * @param expectedVersion the version the caller read, or {@code null} when applying a scheduled change
     */
    @Transactional
    public OrgUnit update(UUID id, Long expectedVersion, UnitUpdate update, LocalDate from) {
        OrgUnit unit = existing(id);
        if (expectedVersion != null) {
            checkVersion(unit, expectedVersion);
        }
        requireActive(unit);
        if (update.memberCount() != null) {
            unit.memberCount = update.memberCount();
            unit.memberCountAsOf = update.memberCountAsOf() != null ? update.memberCountAsOf() : today();
        }
        if (update.sector() != null) {
            unit.sector = update.sector();
        }
        if (update.name() != null && !update.name().equals(unit.name)) {
            unit.name = update.name();
            recordChange(unit, from, "effectiveFrom");
        }
        unit.updatedAt = clock.instant();
        publish(unit);
        return unit;
    }

    /** Moves a unit and its whole subtree under another parent from {@code effectiveFrom} (default today). */
    @Transactional
    public OrgUnit move(UUID id, Long expectedVersion, UUID newParentId, LocalDate effectiveFrom) {
        return moveOn(id, expectedVersion, newParentId, changeDay(effectiveFrom, "effectiveFrom"));
    }

    /** Moves a unit and its whole subtree from {@code day}, which may lie ahead (a scheduled change's day). */
    @Transactional
    public OrgUnit moveOn(UUID id, Long expectedVersion, UUID newParentId, LocalDate day) {
        units.lockStructure();
        OrgUnit unit = existing(id);
        if (expectedVersion != null) {
            checkVersion(unit, expectedVersion);
        }
        requireActive(unit);
        OrgUnit parent = activeParent(newParentId);
        if (unit.type == OrgUnitType.CONFEDERATION) {
            throw ProblemException.unprocessable("id", Text.of("The confederation is the root and cannot move",
                    "Tổng Liên đoàn là gốc của hệ thống nên không thể chuyển"));
        }
        if (parent.id.equals(unit.id) || units.descendantIds(unit.id).contains(parent.id)) {
            throw ProblemException.unprocessable("parentId", Text.of("A unit cannot move under itself or its own "
                    + "subtree", "Không thể chuyển một đơn vị vào dưới chính nó hoặc đơn vị cấp dưới của nó"));
        }
        HierarchyRules.checkPlacement(unit.type, parent.type);
        moveUnder(unit, parent, day, "effectiveFrom");
        return unit;
    }

    /** Ends a unit on {@code validTo} (its first day no longer in force); its history stays readable. */
    @Transactional
    public OrgUnit deactivate(UUID id, Long expectedVersion, LocalDate validTo) {
        units.lockStructure();
        OrgUnit unit = existing(id);
        if (expectedVersion != null) {
            checkVersion(unit, expectedVersion);
        }
        end(unit, validTo != null ? validTo : today(), null, "validTo", false);
        return unit;
    }

    /**
     * Sets the day a unit ends as a provincial system's records give it (bulk import): ends a unit in force, or moves
     * the end of one ended without a successor (a merge's end belongs to the merge, and stays).
     */
    @Transactional
    public OrgUnit endAsRecorded(UUID id, LocalDate validTo) {
        units.lockStructure();
        OrgUnit unit = existing(id);
        end(unit, validTo, null, "validTo", unit.successorId == null);
        return unit;
    }

    /**
     * Merges units into a successor on {@code date}: their children move under the successor, they end the day
     * before and point at it. Example: Quảng Bình into Quảng Trị from 2025-07-01.
     */
    @Transactional
    public OrgUnit merge(List<UUID> sourceIds, UUID successorId, LocalDate date) {
        return mergeOn(sourceIds, successorId, changeDay(date, "date"));
    }

    /** Merges units into a successor on {@code day}, which may lie ahead (a scheduled change's day). */
    @Transactional
    public OrgUnit mergeOn(List<UUID> sourceIds, UUID successorId, LocalDate day) {
        units.lockStructure();
        OrgUnit successor = existing(successorId);
        requireActive(successor);
        Set<UUID> seen = new HashSet<>();
        for (UUID sourceId : sourceIds) {
            if (sourceId.equals(successorId) || !seen.add(sourceId)) {
                throw ProblemException.unprocessable("sources", Text.of("Each unit merges once, and not into itself",
                        "Mỗi đơn vị chỉ được hợp nhất một lần, và không vào chính nó"));
            }
            OrgUnit source = existing(sourceId);
            requireActive(source);
            if (source.type != successor.type) {
                throw ProblemException.unprocessable("sources", Text.of(source.code + " is a " + source.type
                        + " and cannot merge into a " + successor.type, source.code + " là " + source.type
                        + " nên không thể hợp nhất vào " + successor.type));
            }
            if (units.within(successor.id, source.id)) {
                throw ProblemException.unprocessable("successorId", Text.of(successor.code + " sits below "
                        + source.code + ": the children of " + source.code + " cannot move under a unit of its own "
                        + "subtree", successor.code + " nằm dưới " + source.code + ": các đơn vị con của " + source.code
                        + " không thể chuyển vào dưới một đơn vị thuộc chính nhánh đó"));
            }
            for (OrgUnit child : units.childrenInForceFrom(source.id, day)) {
                moveUnder(child, successor, day, "date");
            }
            end(source, day, successor.id, "date", false);
        }
        return successor;
    }

    /** @param dateField the request's name for {@code day}, named when the day breaks a rule */
    private void moveUnder(OrgUnit unit, OrgUnit parent, LocalDate day, String dateField) {
        UUID province = unit.type == OrgUnitType.PROVINCIAL_FEDERATION ? unit.id : parent.provinceId;
        boolean provinceChanges = !Objects.equals(province, unit.provinceId);
        unit.parentId = parent.id;
        unit.provinceId = province;
        unit.updatedAt = clock.instant();
        recordChange(unit, day, dateField);
        publish(unit);
        if (provinceChanges) {
            for (UUID below : units.descendantIds(unit.id)) {
                OrgUnit descendant = units.findById(below);
                if (descendant.validTo == null || descendant.validTo.isAfter(day)) {
                    descendant.provinceId = province;
                    descendant.updatedAt = unit.updatedAt;
                    recordChange(descendant, day, dateField);
                    publish(descendant);
                }
            }
        }
    }

    /**
     * Ends a unit on {@code validTo}. Refused while a unit below it stays in force on or after that day: open-ended
     * (409, move or end it first) or ending later (422, end this one no earlier).
     *
     * @param mayMoveEnd whether a unit ended already may take another end (else it is refused as ended)
     */
    private void end(OrgUnit unit, LocalDate validTo, UUID successor, String dateField, boolean mayMoveEnd) {
        if (!mayMoveEnd) {
            requireActive(unit);
        }
        if (unit.type == OrgUnitType.CONFEDERATION) {
            throw ProblemException.unprocessable("id", Text.of("The confederation is the root and cannot be ended",
                    "Tổng Liên đoàn là gốc của hệ thống nên không thể kết thúc"));
        }
        List<OrgUnit> children = units.childrenInForceFrom(unit.id, validTo);
        if (children.stream().anyMatch(child -> child.validTo == null)) {
            throw ProblemException.conflict("children", Text.of(unit.code + " still has units in force below it; "
                    + "move or end them first, or merge it into a successor", unit.code + " vẫn còn đơn vị cấp dưới "
                    + "đang hiệu lực; hãy chuyển hoặc kết thúc chúng trước, hoặc hợp nhất đơn vị vào đơn vị kế thừa"));
        }
        OrgUnit lastToEnd = children.stream().max(Comparator.comparing((OrgUnit child) -> child.validTo)).orElse(null);
        if (lastToEnd != null) {
            throw ProblemException.unprocessable(dateField, Text.of("must not be before " + lastToEnd.validTo
                    + ", when " + lastToEnd.code + " below " + unit.code + " ends", "không được trước "
                    + lastToEnd.validTo + ", ngày " + lastToEnd.code + " (cấp dưới của " + unit.code + ") kết thúc"))
                    .limit("min", lastToEnd.validTo.toString());
        }
        OrgUnitPeriod latest = periods.latest(unit.id).orElseThrow();
        if (latest.validFrom != null && !validTo.isAfter(latest.validFrom)) {
            throw ProblemException.unprocessable(dateField, Text.of("must be after " + latest.validFrom
                    + ", the start of " + unit.code + "'s latest period", "phải sau " + latest.validFrom
                    + ", ngày bắt đầu giai đoạn gần nhất của " + unit.code));
        }
        latest.validTo = validTo;
        unit.validTo = validTo;
        unit.successorId = successor;
        unit.updatedAt = clock.instant();
        publish(unit);
    }

    /**
     * Closes the unit's latest period on {@code day} and opens a new one with its current name and place, which ends
     * when the unit does.
     */
    private void recordChange(OrgUnit unit, LocalDate day, String dateField) {
        OrgUnitPeriod latest = periods.latest(unit.id).orElseThrow();
        if (latest.matches(unit)) {
            return;
        }
        if (latest.validFrom != null && day.isBefore(latest.validFrom)) {
            throw ProblemException.unprocessable(dateField, Text.of("must not be before " + latest.validFrom
                    + ", the date of " + unit.code + "'s latest change", "không được trước " + latest.validFrom
                    + ", ngày thay đổi gần nhất của " + unit.code)).limit("min", latest.validFrom.toString());
        }
        if (day.equals(latest.validFrom)) {
            latest.name = unit.name;
            latest.parentId = unit.parentId;
            latest.provinceId = unit.provinceId;
        } else {
            OrgUnitPeriod next = OrgUnitPeriod.of(unit, day);
            next.validTo = latest.validTo;
            latest.validTo = day;
            periods.persist(next);
        }
    }

    private void publish(OrgUnit unit) {
        units.flush();
        outbox.append(Topics.ORG_UNITS, unit.id, unit.toState());
    }

    private OrgUnit existing(UUID id) {
        return units.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(Texts.UNIT, id));
    }

    private OrgUnit activeParent(UUID parentId) {
        OrgUnit parent = units.findByIdOptional(parentId)
                .orElseThrow(() -> ProblemException.unprocessable("parentId", Text.of("Parent unit " + parentId
                        + " does not exist", "Không có đơn vị cấp trên " + parentId)));
        if (parent.validTo != null) {
            throw ProblemException.unprocessable("parentId", Text.of("Parent unit " + parent.code
                    + " is no longer in force", "Đơn vị cấp trên " + parent.code + " không còn hiệu lực"));
        }
        return parent;
    }

    private static void requireActive(OrgUnit unit) {
        if (unit.validTo != null) {
            throw ProblemException.conflict("validTo", Text.of(unit.code + " is no longer in force since "
                    + unit.validTo, unit.code + " không còn hiệu lực từ " + unit.validTo));
        }
    }

    private static void checkVersion(OrgUnit unit, long expected) {
        Versions.check(unit.version, expected, Text.of("Unit " + unit.code, "Đơn vị " + unit.code));
    }

    /**
     * The day a rename, move or merge takes effect: today when not given, never later (see the class comment; the
     * API schedules a change for a later day instead of sending it here).
     */
    private LocalDate changeDay(LocalDate day, String field) {
        LocalDate today = today();
        if (day == null) {
            return today;
        }
        if (day.isAfter(today)) {
            throw ProblemException.unprocessable(field, Text.of("must not be after today (" + today + "); schedule "
                    + "a change for a later day", "không được sau hôm nay (" + today + "); hãy lên lịch thay đổi cho "
                    + "ngày sau")).limit("max", today.toString());
        }
        return day;
    }
}
