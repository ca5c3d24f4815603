package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.ProgrammePhase;
import vn.congdoan.sangkien.orgunit.ProgrammeTarget;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;
import vn.congdoan.sangkien.orgunit.repository.ProgrammeRepository;
import vn.congdoan.sangkien.orgunit.repository.ProgrammeUnitTarget;

/**
 * Programmes, phases and targets. Each change publishes the programme's whole state on {@code programmes.v1} in
 * the same transaction, with the version the change gave it.
 */
@ApplicationScoped
public class ProgrammeService {

    private final ProgrammeRepository programmes;
    private final OrgUnitRepository units;
    private final Outbox outbox;
    private final Clock clock;

    public ProgrammeService(ProgrammeRepository programmes, OrgUnitRepository units, Outbox outbox) {
        this.programmes = programmes;
        this.units = units;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    public Optional<Programme> find(String code) {
        return programmes.findWithPhases(code);
    }

    public List<Programme> list() {
        return programmes.listWithPhases();
    }

    /** Where {@code asOf} (today in Vietnam when null) falls in the programme. */
    public ProgrammeCalendar.Progress progress(Programme programme, LocalDate asOf) {
        return new ProgrammeCalendar(programme.startDate, programme.endDate)
                .progressOn(asOf != null ? asOf : ProgrammeCalendar.today(clock));
    }

    public Optional<ProgrammePhase> findPhase(String programmeCode, String phaseCode) {
        return programmes.findWithPhases(programmeCode).flatMap(p -> p.phase(phaseCode));
    }

    /** The targets of a phase, by unit code. */
    public List<ProgrammeUnitTarget> targets(String programmeCode, String phaseCode) {
        loadPhase(load(programmeCode), phaseCode);
        return programmes.targets(programmeCode, phaseCode);
    }

    @Transactional
    public Programme create(String code, String name, LocalDate startDate, LocalDate endDate, Long nationalTarget) {
        if (programmes.findByIdOptional(code).isPresent()) {
            throw ProblemException.conflict("code", Text.of("A programme with code " + code + " already exists",
                    "Đã có chương trình mang mã " + code));
        }
        if (endDate.isBefore(startDate)) {
            throw ProblemException.unprocessable("endDate", Text.of("endDate (the last day) must not be before "
                    + "startDate " + startDate, "endDate (ngày cuối) không được trước startDate " + startDate))
                    .limit("min", startDate.toString());
        }
        Programme programme = new Programme();
        programme.code = code;
        programme.name = name;
        programme.startDate = startDate;
        programme.endDate = endDate;
        programme.nationalTarget = nationalTarget;
        programme.createdAt = clock.instant();
        programme.updatedAt = programme.createdAt;
        programmes.persist(programme);
        return publish(programme);
    }

    @Transactional
    public ProgrammePhase addPhase(String programmeCode, String code, String name, LocalDate startDate,
            LocalDate endDate) {
        Programme programme = load(programmeCode);
        if (programme.phase(code).isPresent()) {
            throw ProblemException.conflict("code", Text.of("Programme " + programmeCode + " already has a phase "
                    + code, "Chương trình " + programmeCode + " đã có giai đoạn " + code));
        }
        new ProgrammeCalendar(programme.startDate, programme.endDate).checkPhase(startDate, endDate);
        ProgrammePhase phase = new ProgrammePhase();
        phase.programme = programme;
        phase.code = code;
        phase.name = name;
        phase.startDate = startDate;
        phase.endDate = endDate;
        programme.phases.add(phase);
        publish(touch(programme));
        return phase;
    }

    /**
     * Replaces the targets of a phase with {@code targets}.
     *
     * @throws ProblemException 422 naming {@code [i].unitId} when a unit is unknown or listed twice
     */
    @Transactional
    public List<ProgrammeUnitTarget> setTargets(String programmeCode, String phaseCode, List<ProgrammeTarget> targets) {
        Programme programme = load(programmeCode);
        ProgrammePhase phase = loadPhase(programme, phaseCode);
        checkUnits(targets);
        phase.targets.clear();
        phase.targets.addAll(targets);
        publish(touch(programme));
        return programmes.targets(programmeCode, phaseCode);
    }

    private void checkUnits(List<ProgrammeTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Set<UUID> known = units.list("id in ?1", targets.stream().map(ProgrammeTarget::unitId).toList()).stream()
                .map(unit -> unit.id).collect(Collectors.toSet());
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            UUID unitId = targets.get(i).unitId();
            if (!known.contains(unitId)) {
                throw ProblemException.unprocessable("[" + i + "].unitId", Text.of("Unit " + unitId
                        + " does not exist", "Không có đơn vị " + unitId));
            }
            Integer first = seen.putIfAbsent(unitId, i);
            if (first != null) {
                throw ProblemException.unprocessable("[" + i + "].unitId", Text.of("Unit " + unitId
                        + " is already listed at [" + first + "]; give each unit one target", "Đơn vị " + unitId
                        + " đã có ở [" + first + "]; mỗi đơn vị chỉ một chỉ tiêu"));
            }
        }
    }

    private Programme load(String code) {
        return programmes.findWithPhases(code).orElseThrow(() -> ProblemException.notFound(Texts.PROGRAMME, code));
    }

    private static ProgrammePhase loadPhase(Programme programme, String phaseCode) {
        return programme.phase(phaseCode).orElseThrow(() -> ProblemException.notFound(
                Text.of("Phase of programme " + programme.code, "Giai đoạn của chương trình " + programme.code),
                phaseCode));
    }

    /** Dirties the programme itself, so that a change to its phases or targets also raises its version. */
    private Programme touch(Programme programme) {
        programme.updatedAt = clock.instant();
        return programme;
    }

    /** Flushes first: the event must carry the version the change gets. */
    private Programme publish(Programme programme) {
        programmes.flush();
        outbox.append(Topics.PROGRAMMES, programme.code, programme.toState());
        return programme;
    }
}
