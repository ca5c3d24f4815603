package vn.congdoan.sangkien.orgunit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Kind;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Status;
import vn.congdoan.sangkien.orgunit.config.ScheduledChangesConfig;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;
import vn.congdoan.sangkien.orgunit.repository.ScheduledChangeRepository;

/**
 * Renames, moves and merges decided ahead of their day (a merge of provinces is decided weeks before it takes effect).
 *
 * <p>Scheduling one checks it at once against the hierarchy as it stands, by applying it on its day in a transaction
 * that is rolled back: what the rules refuse today is refused with the same problem, and nothing is written. Soon
 * after its day begins (Asia/Ho_Chi_Minh; checked every minute, and at start-up, so that a service that was down that
 * day catches up) the change is applied through {@link OrgUnitService} exactly as if it had been sent that day, in
 * one transaction with its events and its own status. If that day's hierarchy no longer allows it (a unit ended in
 * between, say), it is recorded as failed with the problem, and nothing of it is applied. Several instances may run:
 * changes are applied under the hierarchy's lock, one at a time and in order, each claimed with
 * {@code FOR UPDATE SKIP LOCKED} and applied once. Applying a change checks again that the roles of whoever scheduled
 * it still cover the units it concerns (units may have moved in between). An error other than a rule's (the database
 * gone) leaves the change pending, and the ones after it wait with it until the next check.
 */
@ApplicationScoped
public class ScheduledChanges {

    private static final Logger LOG = Logger.getLogger(ScheduledChanges.class);

    static final int MAX_ATTEMPTS = 5;

    /** What a scheduled move does: its unit goes under {@code parentId}. */
    public record Move(UUID parentId) {
    }

    /** What a scheduled merge does: {@code sources} merge into its unit, the successor. */
    public record Merge(List<UUID> sources) {
    }

    private final OrgUnitService units;
    private final OrgUnitRepository structure;
    private final ScheduledChangeRepository changes;
    private final ObjectMapper json;
    private final Duration checkInterval;

    public ScheduledChanges(OrgUnitService units, OrgUnitRepository structure, ScheduledChangeRepository changes,
            ObjectMapper json, ScheduledChangesConfig config) {
        this.units = units;
        this.structure = structure;
        this.changes = changes;
        this.json = json;
        this.checkInterval = config.checkInterval();
    }

    /** Who schedules a change: what the audit and admins see, and the unit their roles hold (null: national). */
    public record Requester(String subject, UUID unit) {
    }

    /** A rename from {@code update.effectiveFrom()}, a later day (the caller leaves out member counts). */
    public ScheduledChange scheduleRename(UUID unitId, long expectedVersion, UnitUpdate update, Requester requester) {
        return schedule(Kind.RENAME, unitId, update.effectiveFrom(), update, List.of(unitId), expectedVersion,
                requester);
    }

    /** A move of {@code unitId} and its subtree under {@code parentId} from {@code day}, a later day. */
    public ScheduledChange scheduleMove(UUID unitId, Long expectedVersion, UUID parentId, LocalDate day,
            Requester requester) {
        return schedule(Kind.MOVE, unitId, day, new Move(parentId), List.of(unitId, parentId), expectedVersion,
                requester);
    }

    /** A merge of {@code sources} into {@code successorId} from {@code day}, a later day. */
    public ScheduledChange scheduleMerge(List<UUID> sources, UUID successorId, LocalDate day, Requester requester) {
        List<UUID> concerned = new ArrayList<>(sources);
        concerned.add(0, successorId);
        return schedule(Kind.MERGE, successorId, day, new Merge(List.copyOf(sources)), concerned, null, requester);
    }

    /**
     * Stores a change for {@code day}. Should that day have begun since the caller decided it was later (a request at
     * midnight), the change is applied at the next check, a minute later at most.
     */
    private ScheduledChange schedule(Kind kind, UUID unitId, LocalDate day, Object change, List<UUID> concerned,
            Long expectedVersion, Requester requester) {
        String request = write(change);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                apply(kind, unitId, day, request, expectedVersion);
                structure.checkDeferredConstraints();
                throw new TriedOut();
            });
        } catch (TriedOut expected) {
            // the rules allow it today; the trial was rolled back
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ScheduledChange scheduled = new ScheduledChange();
            scheduled.id = UUID.randomUUID();
            scheduled.kind = kind;
            scheduled.unitId = unitId;
            scheduled.effectiveFrom = day;
            scheduled.request = request;
            scheduled.units = concerned.stream().distinct().toArray(UUID[]::new);
            scheduled.status = Status.PENDING;
            scheduled.requestedBy = requester.subject();
            scheduled.requesterUnit = requester.unit();
            scheduled.createdAt = Instant.now();
            changes.persist(scheduled);
            return scheduled;
        });
    }

    public Optional<ScheduledChange> find(UUID id) {
        return changes.findByIdOptional(id);
    }

    public List<ScheduledChange> list(Status status, UUID unitId, int limit) {
        return changes.list(status, unitId, limit);
    }

    /**
     * Withdraws a change while it is pending (its day may have come, the change not yet applied).
     *
     * @throws ProblemException 404 if there is none, 409 once it was applied, failed or cancelled
     */
    public ScheduledChange cancel(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ScheduledChange change = changes.findByIdOptional(id)
                    .orElseThrow(() -> ProblemException.notFound(Text.of("Scheduled change",
                            "Thay đổi đã lên lịch"), id));
            ScheduledChange pending = changes.claim(id)
                    .orElseThrow(() -> ProblemException.transition(change.status == Status.PENDING
                            ? Text.of("The change is being applied now; read it again",
                                    "Thay đổi đang được áp dụng; hãy đọc lại")
                            : Text.of("The change is " + change.status + "; only a PENDING change can be cancelled",
                                    "Thay đổi đang ở trạng thái " + change.status + "; chỉ hủy được thay đổi PENDING")));
            pending.status = Status.CANCELLED;
            pending.settledAt = Instant.now();
            return pending;
        });
    }

    /** Soon after start-up (a service that was down on a change's day catches up), then every check interval. */
    @Scheduled(every = "${scheduled-changes.check-interval}", identity = "scheduled-changes",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyDueToday() {
        try {
            applyDue(units.today());
        } catch (Throwable e) {
            // whatever it was, the timer must keep running
            LOG.warnf("Scheduled changes not applied, retrying in %s: %s", checkInterval, e.getMessage());
        }
    }

    /**
     * Applies every pending change whose day is {@code today} or earlier, oldest day first. A change that fails for
     * another reason than a rule (the database gone, a timeout) stops the round, so that the changes after it wait; it
     * is tried again at the next check, and recorded as failed after {@value #MAX_ATTEMPTS} attempts.
     *
     * @return how many were applied (failed ones not counted)
     */
    public int applyDue(LocalDate today) {
        int applied = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> changes.dueIds(today))) {
            try {
                boolean done = QuarkusTransaction.requiringNew().call(() -> {
                    // one change of the structure at a time, in order, whichever instance applies it
                    structure.lockStructure();
                    return changes.claim(id).map(change -> {
                        checkScope(change);
                        apply(change.kind, change.unitId, change.effectiveFrom, change.request, null);
                        change.status = Status.APPLIED;
                        change.settledAt = Instant.now();
                        return true;
                    }).orElse(false);
                });
                if (done) {
                    applied++;
                    LOG.infof("Applied the scheduled change %s of %s", id, today);
                }
            } catch (ProblemException refused) {
                settle(id, refused.field(), refused.getMessage(), 0);
                LOG.warnf("The scheduled change %s could not be applied: %s", id, refused.getMessage());
            } catch (RuntimeException e) {
                if (!settle(id, null, "Not applied after " + MAX_ATTEMPTS + " attempts: " + e.getMessage(),
                        MAX_ATTEMPTS)) {
                    LOG.warnf(e, "The scheduled change %s was not applied; it is tried again at the next check", id);
                    return applied;
                }
                LOG.errorf(e, "The scheduled change %s failed %d times and is given up", id, MAX_ATTEMPTS);
            }
        }
        return applied;
    }

    /**
     * Records that a change failed: at once when {@code attemptsAllowed} is 0 (a rule refused it), otherwise once it
     * has failed that many times.
     *
     * @return whether the change is settled (failed, or no longer pending), so that the ones after it may go on
     */
    private boolean settle(UUID id, String field, String detail, int attemptsAllowed) {
        return QuarkusTransaction.requiringNew().call(() -> changes.claim(id).map(change -> {
            change.attempts++;
            if (change.attempts < attemptsAllowed) {
                return false;
            }
            change.status = Status.FAILED;
            change.problemField = field;
            change.problemDetail = detail;
            change.settledAt = Instant.now();
            return true;
        }).orElse(true));
    }

    /**
     * The roles of whoever scheduled a change must still cover every unit it concerns (units move in between), and
     * the unit it renames or moves must lie below their own unit.
     */
    private void checkScope(ScheduledChange change) {
        if (change.requesterUnit == null) {
            return;
        }
        if (change.requesterUnit.equals(change.unitId)) {
            throw ProblemException.forbidden(Text.of("An administrator changes the units below their own unit, "
                    + "not their own", "Quản trị viên thay đổi các đơn vị cấp dưới đơn vị mình, không phải đơn vị mình"));
        }
        for (UUID unit : change.units) {
            if (!structure.within(unit, change.requesterUnit)) {
                throw ProblemException.forbidden(Text.of("A unit it concerns (" + unit + ") is no longer within "
                        + "the unit of whoever scheduled it", "Một đơn vị liên quan (" + unit + ") không còn thuộc đơn vị "
                        + "của người đã lên lịch thay đổi"));
            }
        }
    }

    private void apply(Kind kind, UUID unitId, LocalDate day, String request, Long expectedVersion) {
        switch (kind) {
            case RENAME -> {
                UnitUpdate update = read(request, UnitUpdate.class);
                units.update(unitId, expectedVersion, update, day);
            }
            case MOVE -> units.moveOn(unitId, expectedVersion, read(request, Move.class).parentId(), day);
            case MERGE -> units.mergeOn(read(request, Merge.class).sources(), unitId, day);
        }
    }

    /** Ends a trial of a change, rolling back its transaction once the rules allowed it. */
    private static final class TriedOut extends RuntimeException {
        TriedOut() {
            super(null, null, false, false);
        }
    }

    private String write(Object change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A scheduled change could not be written as JSON", e);
        }
    }

    private <T> T read(String request, Class<T> type) {
        try {
            return json.readValue(request, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A scheduled change could not be read: " + request, e);
        }
    }
}
