package vn.congdoan.sangkien.submission.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.InitiativeRepository;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;

/** Initiatives and their lifecycle; every change and its event commit together. */
@ApplicationScoped
public class InitiativeService {

    /** Days are counted in Vietnam's time zone. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final InitiativeRepository initiatives;
    private final OrgUnitReplicaRepository units;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public InitiativeService(InitiativeRepository initiatives, OrgUnitReplicaRepository units, Outbox outbox) {
        this.initiatives = initiatives;
        this.units = units;
        this.outbox = outbox;
    }

    public Optional<Initiative> find(UUID id) {
        return initiatives.findByIdOptional(id);
    }

    @Transactional
    public Initiative create(NewInitiative request) {
        Instant now = clock.instant();
        OrgUnitReplica unit = submittingUnit(request.unitId(), now);
        Initiative initiative = new Initiative();
        initiative.id = UUID.randomUUID();
        initiative.programmeCode = request.programmeCode();
        initiative.title = request.title();
        initiative.problem = request.problem();
        initiative.solution = request.solution();
        initiative.expectedBenefit = request.expectedBenefit();
        initiative.field = request.field();
        initiative.unitId = unit.id;
        initiative.provinceId = unit.provinceId;
        initiative.visibility = request.visibility();
        initiative.externalRef = request.externalRef();
        initiative.authors = new ArrayList<>(request.authors());
        initiative.submittedBy = request.authors().get(0).memberId;
        initiative.status = InitiativeStatus.DRAFT;
        initiative.createdAt = now;
        initiative.updatedAt = now;
        InitiativeEvent.Type type = InitiativeEvent.Type.CREATED;
        if (request.submit()) {
            initiative.status = InitiativeStatus.SUBMITTED;
            initiative.submittedAt = now;
            type = InitiativeEvent.Type.SUBMITTED;
        }
        initiatives.persistAndFlush(initiative);
        outbox.append(Topics.INITIATIVE_EVENTS, initiative.id, initiative.toEvent(type, now));
        return initiative;
    }

    @Transactional
    public Initiative submit(UUID id) {
        Initiative initiative = initiatives.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Initiative", id));
        Instant now = clock.instant();
        submittingUnit(initiative.unitId, now);
        return move(initiative, InitiativeStatus.SUBMITTED, InitiativeEvent.Type.SUBMITTED, now);
    }

    @Transactional
    public Initiative withdraw(UUID id) {
        Initiative initiative = initiatives.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Initiative", id));
        return move(initiative, InitiativeStatus.WITHDRAWN, InitiativeEvent.Type.WITHDRAWN, clock.instant());
    }

    private Initiative move(Initiative initiative, InitiativeStatus to, InitiativeEvent.Type type, Instant now) {
        Lifecycle.check(initiative.status, to);
        initiative.status = to;
        if (to == InitiativeStatus.SUBMITTED && initiative.submittedAt == null) {
            initiative.submittedAt = now;
        }
        initiative.updatedAt = now;
        initiatives.flush();
        outbox.append(Topics.INITIATIVE_EVENTS, initiative.id, initiative.toEvent(type, now));
        return initiative;
    }

    /** @see SubmittingUnits */
    private OrgUnitReplica submittingUnit(UUID unitId, Instant now) {
        OrgUnitReplica unit = units.findById(unitId);
        String problem = SubmittingUnits.problem(unitId, unit, LocalDate.ofInstant(now, VIETNAM));
        if (problem != null) {
            throw ProblemException.unprocessable("unitId", problem);
        }
        return unit;
    }
}
