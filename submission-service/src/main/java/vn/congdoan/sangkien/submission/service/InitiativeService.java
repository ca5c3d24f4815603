package vn.congdoan.sangkien.submission.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.Versions;
import vn.congdoan.sangkien.kit.security.ChangeAudit;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.repository.InitiativeInserts;
import vn.congdoan.sangkien.submission.repository.InitiativeRepository;

/** Initiatives and their lifecycle; every change and its event commit together. */
@ApplicationScoped
public class InitiativeService {

    /** Days are counted in Vietnam's time zone. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ACCEPTED = "sangkien.initiatives.accepted";
    /** Content changes only until the review starts: the council judges what was submitted. */
    static final Set<InitiativeStatus> EDITABLE = EnumSet.of(InitiativeStatus.DRAFT, InitiativeStatus.SUBMITTED);

    private final InitiativeRepository initiatives;
    private final OrgUnitReplicaCache units;
    private final Outbox outbox;
    private final InitiativeInserts inserts;
    private final GroupCommit groupCommit;
    private final ChangeAudit audit;
    private final MeterRegistry meters;
    private final Programmes programmes;
    private final Clock clock;
    /**
     * Each province's two counters of accepted initiatives (a draft, submitted), found once: finding a meter by its
     * name and tags costs more than counting on it, at every submission.
     */
    private final Map<UUID, Counter[]> acceptedByProvince = new ConcurrentHashMap<>();

    public InitiativeService(InitiativeRepository initiatives, OrgUnitReplicaCache units, Outbox outbox,
            InitiativeInserts inserts, GroupCommit groupCommit, ChangeAudit audit, MeterRegistry meters,
            Programmes programmes, Clock clock) {
        this.initiatives = initiatives;
        this.units = units;
        this.outbox = outbox;
        this.inserts = inserts;
        this.groupCommit = groupCommit;
        this.audit = audit;
        this.meters = meters;
        this.programmes = programmes;
        this.clock = clock;
    }

    public Optional<Initiative> find(UUID id) {
        return initiatives.findByIdOptional(id);
    }

    /**
     * Creates an initiative with one statement (see {@link InitiativeInserts}): on its own, committed with those of
     * concurrent requests (see {@link GroupCommit}) before it returns; in a caller's transaction, with it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Initiative create(NewInitiative request, Consumer<Initiative> check) {
        Instant now = clock.instant();
        OrgUnitReplicaCache.Unit unit = submittingUnit(request.unitId(), now);
        if (request.submit()) {
            programmes.requireOpen(request.programmeCode(), today(now));
        } else {
            programmes.requireKnown(request.programmeCode());
        }
        if (request.repeatsAnAuthor()) {
            throw ProblemException.unprocessable("authors", Texts.AUTHOR_REPEATED);
        }
        Initiative initiative = request.draft(unit.provinceId(), now);
        // the member who submits, never a co-author they only name
        initiative.submittedBy = request.authors().stream().filter(a -> a.confirmed).findFirst()
                .orElse(request.authors().get(0)).memberId;
        check.accept(initiative);
        if (initiative.externalRef != null && initiatives.count("provinceId = ?1 and externalRef = ?2",
                initiative.provinceId, initiative.externalRef) > 0) {
            throw ProblemException.conflict("externalRef", Text.of("The province already has an initiative with "
                    + "externalRef " + initiative.externalRef + "; its bulk import updates it", "Tỉnh đã có sáng kiến "
                    + "với externalRef " + initiative.externalRef + "; hãy cập nhật nó bằng lượt nhập hàng loạt"));
        }
        InitiativeEvent.Type type = InitiativeEvent.Type.CREATED;
        if (request.submit()) {
            initiative.status = InitiativeStatus.SUBMITTED;
            initiative.submittedAt = now;
            type = InitiativeEvent.Type.SUBMITTED;
        }
        InitiativeEvent event = initiative.toEvent(type, now);
        if (QuarkusTransaction.isActive()) {
            inserts.insertAll(List.of(new InitiativeInserts.Row(initiative, event)));
        } else {
            groupCommit.insert(new InitiativeInserts.Row(initiative, event, audit.claim()));
        }
        accepted(initiative);
        return initiative;
    }

    /**
     * {@code sangkien_initiatives_accepted_total} at /q/metrics, by the code of the province the initiative counts for
     * and whether it was submitted or kept as a draft. Counted once its statement has run: on its own, committed; in
     * a caller's transaction (an Idempotency-Key), before that commits.
     */
    private void accepted(Initiative initiative) {
        Counter[] counters = acceptedByProvince.get(initiative.provinceId);
        if (counters == null) {
            Optional<String> code = units.find(initiative.provinceId).map(OrgUnitReplicaCache.Unit::code);
            String province = code.orElse("unknown");
            counters = new Counter[] { meters.counter(ACCEPTED, "province", province, "outcome", "draft"),
                meters.counter(ACCEPTED, "province", province, "outcome", "submitted") };
            if (code.isPresent()) {
                acceptedByProvince.put(initiative.provinceId, counters);
            }
        }
        counters[initiative.status == InitiativeStatus.SUBMITTED ? 1 : 0].increment();
    }

    /**
     * Its authors edit the content of a draft, or of a submitted initiative until its review starts (the rule bulk
     * imports follow), at the version they read. A change is published, so that the standings follow its authors.
     *
     * @param confirms whether a member newly listed as an author is confirmed by whoever edits
     */
    @Transactional
    public Initiative edit(UUID id, long expectedVersion, InitiativeEdit edit, Consumer<Initiative> check,
            Predicate<String> confirms) {
        Initiative initiative = existing(id, check);
        Versions.check(initiative.version, expectedVersion, Texts.INITIATIVE);
        if (!EDITABLE.contains(initiative.status)) {
            throw ProblemException.transition(Text.of("Its content changes only while it is a draft or submitted; "
                    + "it is " + initiative.status, "Nội dung chỉ sửa được khi sáng kiến là bản nháp hoặc đã gửi; "
                    + "sáng kiến đang ở trạng thái " + initiative.status)).allowed(EDITABLE);
        }
        if (edit.applyTo(initiative, confirms)) {
            changed(initiative, InitiativeEvent.Type.UPDATED, clock.instant());
        }
        return initiative;
    }

    /**
     * Deletes a draft. Its event tells consumers it is gone (it never counted); a submitted initiative is withdrawn
     * instead, and stays on record.
     *
     * @param expectedVersion the version the caller read, or null to delete whatever it is now
     */
    @Transactional
    public void delete(UUID id, Long expectedVersion, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        if (expectedVersion != null) {
            Versions.check(initiative.version, expectedVersion, Texts.INITIATIVE);
        }
        if (initiative.status != InitiativeStatus.DRAFT) {
            throw ProblemException.transition(Text.of("Only a draft is deleted; a submitted initiative is withdrawn",
                    "Chỉ xóa được bản nháp; sáng kiến đã gửi thì rút lại")).allowed(List.of(InitiativeStatus.DRAFT));
        }
        Instant now = clock.instant();
        InitiativeEvent last = initiative.toEvent(InitiativeEvent.Type.DELETED, now);
        initiatives.delete(initiative);
        outbox.append(Topics.INITIATIVE_EVENTS, initiative.provinceId, new InitiativeEvent(last.eventId(),
                last.type(), now, last.initiativeId(), last.version() + 1, last.programmeCode(), last.unitId(),
                last.provinceId(), last.status(), last.authorIds(), last.submittedAt()));
    }

    @Transactional
    public Initiative submit(UUID id, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        Instant now = clock.instant();
        submittingUnit(initiative.unitId, now);
        programmes.requireOpen(initiative.programmeCode, today(now));
        return move(initiative, InitiativeStatus.SUBMITTED, InitiativeEvent.Type.SUBMITTED, now);
    }

    @Transactional
    public Initiative withdraw(UUID id, Consumer<Initiative> check) {
        return move(existing(id, check), InitiativeStatus.WITHDRAWN, InitiativeEvent.Type.WITHDRAWN, clock.instant());
    }

    /**
     * Replaces the reviewers assigned to an initiative that is still open for review. {@code check} refuses callers
     * who may not assign, and those who name themselves.
     */
    @Transactional
    public Initiative assignReviewers(UUID id, Set<String> memberIds, String assignedBy, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        if (initiative.status != InitiativeStatus.SUBMITTED && initiative.status != InitiativeStatus.UNDER_REVIEW) {
            throw ProblemException.transition(Text.of("Reviewers are assigned to SUBMITTED or UNDER_REVIEW "
                    + "initiatives; this one is " + initiative.status, "Chỉ phân công người đánh giá cho sáng kiến "
                    + "SUBMITTED hoặc UNDER_REVIEW; sáng kiến này đang ở trạng thái " + initiative.status))
                    .allowed(List.of(InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW));
        }
        for (String memberId : memberIds) {
            if (initiative.isListedAuthor(memberId)) {
                throw ProblemException.unprocessable("memberIds", Text.of("Member " + memberId
                        + " is an author and cannot review the initiative", "Đoàn viên " + memberId
                        + " là tác giả nên không được đánh giá sáng kiến này"));
            }
        }
        Instant now = clock.instant();
        // an assignment one made of oneself (refused now, possible before) gives way to this one
        initiative.reviewers.removeIf(r -> !memberIds.contains(r.memberId()) || r.assignedBy().equals(r.memberId()));
        for (String memberId : memberIds) {
            if (initiative.reviewers.stream().noneMatch(r -> r.memberId().equals(memberId))) {
                initiative.reviewers.add(new Initiative.Reviewer(memberId, assignedBy, now));
            }
        }
        initiative.updatedAt = now;
        initiatives.flush();
        return initiative;
    }

    /**
     * A member named as a co-author confirms it: from now on they count as one of its submitters. Confirming again
     * changes nothing.
     */
    @Transactional
    public Initiative confirmAuthorship(UUID id, String memberId, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        Initiative.Author author = listedAuthor(initiative, memberId);
        if (author.confirmed) {
            return initiative;
        }
        author.confirmed = true;
        return changed(initiative, InitiativeEvent.Type.UPDATED, clock.instant());
    }

    /** A member named as a co-author declines: they are taken off its authors. A confirmed author withdraws instead. */
    @Transactional
    public Initiative declineAuthorship(UUID id, String memberId, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        Initiative.Author author = listedAuthor(initiative, memberId);
        if (author.confirmed) {
            throw ProblemException.conflict("authors", Text.of("You confirmed being an author of this initiative; "
                    + "an author may withdraw it instead", "Bạn đã xác nhận là tác giả của sáng kiến này; tác giả có "
                    + "thể rút sáng kiến thay vì từ chối"));
        }
        initiative.authors.remove(author);
        return changed(initiative, InitiativeEvent.Type.UPDATED, clock.instant());
    }

    private static Initiative.Author listedAuthor(Initiative initiative, String memberId) {
        return initiative.authors.stream().filter(a -> a.memberId.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.forbidden(Text.of("You are not listed as an author of this "
                        + "initiative", "Bạn không có tên trong danh sách tác giả của sáng kiến này")));
    }

    @Transactional
    public Initiative startReview(UUID id, Consumer<Initiative> check) {
        return move(existing(id, check), InitiativeStatus.UNDER_REVIEW, InitiativeEvent.Type.REVIEW_STARTED,
                clock.instant());
    }

    /** The council's decision with its scores and the estimated benefit; it ends the review. */
    @Transactional
    public Initiative review(UUID id, Review review, String reviewer, Consumer<Initiative> check) {
        Initiative initiative = existing(id, check);
        Instant now = clock.instant();
        initiative.noveltyScore = review.novelty();
        initiative.feasibilityScore = review.feasibility();
        initiative.effectivenessScore = review.effectiveness();
        initiative.reviewDecision = review.decision();
        initiative.estimatedBenefitVnd = review.estimatedBenefitVnd();
        initiative.reviewComment = review.comment();
        initiative.reviewedBy = reviewer;
        initiative.reviewedAt = now;
        return move(initiative, review.decision(), InitiativeEvent.Type.REVIEWED, now);
    }

    /** Marks an initiative as a repeat of an earlier one of the same programme; it stops counting. */
    @Transactional
    public Initiative markDuplicate(UUID id, UUID originalId, String markedBy, Consumer<Initiative> check) {
        if (id.equals(originalId)) {
            existing(id, check);
            throw ProblemException.unprocessable("originalId", Text.of("An initiative cannot duplicate itself",
                    "Một sáng kiến không thể trùng với chính nó"));
        }
        // Both rows are locked, always in the same order, before either is read: marking A as a copy of B while B is
        // marked as a copy of A waits for the other and then sees what it did, so that two initiatives never both stop
        // counting because of each other. (B's authors may still withdraw B afterwards, as they may at any time.)
        boolean idFirst = id.compareTo(originalId) < 0;
        Optional<Initiative> first = initiatives.findByIdOptional(idFirst ? id : originalId,
                LockModeType.PESSIMISTIC_WRITE);
        Optional<Initiative> second = initiatives.findByIdOptional(idFirst ? originalId : id,
                LockModeType.PESSIMISTIC_WRITE);
        Initiative initiative = existing(id, check);
        Initiative original = (idFirst ? second : first).orElseThrow(() ->
                ProblemException.unprocessable("originalId", Text.of("Initiative " + originalId + " is not known",
                        "Không có sáng kiến " + originalId)));
        Text problem = Duplicates.originalProblem(originalId.toString(), original, initiative.programmeCode);
        if (problem != null) {
            throw ProblemException.unprocessable("originalId", problem);
        }
        Instant now = clock.instant();
        initiative.duplicateOf = originalId;
        initiative.markedDuplicateBy = markedBy;
        return move(initiative, InitiativeStatus.DUPLICATE, InitiativeEvent.Type.MARKED_DUPLICATE, now);
    }

    /**
     * The initiative to change, once the caller passed {@code check} (it throws when they may not): read once, in the
     * changing transaction.
     */
    private Initiative existing(UUID id, Consumer<Initiative> check) {
        Initiative initiative = initiatives.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound(Texts.INITIATIVE, id));
        check.accept(initiative);
        return initiative;
    }

    /** A legal move (see {@link Lifecycle}) that records when the initiative entered its new status. */
    private Initiative move(Initiative initiative, InitiativeStatus to, InitiativeEvent.Type type, Instant now) {
        Lifecycle.check(initiative.status, to);
        initiative.status = to;
        switch (to) {
            case SUBMITTED -> {
                if (initiative.submittedAt == null) {
                    initiative.submittedAt = now;
                }
            }
            case UNDER_REVIEW -> initiative.reviewStartedAt = now;
            case WITHDRAWN, DUPLICATE -> initiative.endedAt = now;
            default -> {
                // a decision's time is part of the review it records
            }
        }
        return changed(initiative, type, now);
    }

    /**
     * Stamps a change and publishes it: flushed first, so that the event carries the new version; keyed by provincial
     * federation, so that one initiative's events stay in order on one partition.
     */
    private Initiative changed(Initiative initiative, InitiativeEvent.Type type, Instant now) {
        initiative.updatedAt = now;
        initiatives.flush();
        outbox.append(Topics.INITIATIVE_EVENTS, initiative.provinceId, initiative.toEvent(type, now));
        return initiative;
    }

    /** @see SubmittingUnits */
    private OrgUnitReplicaCache.Unit submittingUnit(UUID unitId, Instant now) {
        OrgUnitReplicaCache.Unit unit = units.find(unitId).orElse(null);
        Text problem = SubmittingUnits.problem(unitId, unit, today(now));
        if (problem != null) {
            throw ProblemException.unprocessable("unitId", problem);
        }
        return unit;
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, VIETNAM);
    }
}
