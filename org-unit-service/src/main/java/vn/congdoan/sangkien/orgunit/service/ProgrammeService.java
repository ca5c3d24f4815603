package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.ProducerConfig;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.ProgrammePhase;
import vn.congdoan.sangkien.orgunit.ProgrammeTarget;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;
import vn.congdoan.sangkien.orgunit.repository.ProgrammeRepository;
import vn.congdoan.sangkien.orgunit.repository.ProgrammeUnitTarget;

/**
 * Programmes, phases and targets. Each change publishes the programme's whole state, with the targets set nationally,
 * on {@code programmes.v1} in the same transaction, with the version the change gave it; each target set, changed or
 * taken away below the provinces is one record on {@code unit-targets.v1}, with that version too.
 *
 * <p>A phase's targets are set in parts: national administrators set those of the confederation and of the units
 * directly below it; the administrators of any other unit set those of the units directly below it. Each part
 * replaces only its own units' targets, so that a province's plan for its districts outlives the next national list.
 */
@ApplicationScoped
public class ProgrammeService {

    /** Most units one list of targets names: far more than any unit has directly below it. */
    public static final int MAX_TARGET_ROWS = 10_000;

    private final ProgrammeRepository programmes;
    private final OrgUnitRepository units;
    private final OrgUnitQueries queries;
    private final Outbox outbox;
    private final PublishedSize publishedSize;
    private final Clock clock;

    public ProgrammeService(ProgrammeRepository programmes, OrgUnitRepository units, OrgUnitQueries queries,
            Outbox outbox, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.programmes = programmes;
        this.units = units;
        this.queries = queries;
        this.outbox = outbox;
        this.publishedSize = new PublishedSize(Integer.parseInt(String.valueOf(kafkaConfig.getOrDefault(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024))));
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

    /** The targets of a phase set nationally: the confederation's and those of the units directly below it. */
    public List<ProgrammeUnitTarget> nationalTargets(String programmeCode, String phaseCode) {
        loadPhase(load(programmeCode), phaseCode);
        return programmes.nationalTargets(programmeCode, phaseCode);
    }

    /** A unit's target in a phase, and those of the units directly below it on {@code asOf} (default today). */
    public UnitTargets unitTargets(String programmeCode, String phaseCode, UUID unitId, LocalDate asOf) {
        loadPhase(load(programmeCode), phaseCode);
        LocalDate day = asOf != null ? asOf : ProgrammeCalendar.today(clock);
        UnitAsOf unit = inForce(unitId, day);
        List<UnitAsOf> children = queries.children(unitId, day);
        return UnitTargets.of(unit, day, children, programmes.targetsOf(programmeCode, phaseCode,
                Stream.concat(Stream.of(unitId), children.stream().map(UnitAsOf::id)).toList()));
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
     * Replaces the targets of a phase set nationally, those of the confederation and of the units directly below it,
     * with {@code targets}; the targets of the units below those stay as their parents set them.
     *
     * @throws ProblemException 422 naming {@code [i].unitId} when a unit is unknown, lies lower down, or is listed
     *                          twice
     */
    @Transactional
    public List<ProgrammeUnitTarget> setTargets(String programmeCode, String phaseCode, List<ProgrammeTarget> targets) {
        Programme programme = lockedProgramme(programmeCode);
        ProgrammePhase phase = loadPhase(programme, phaseCode);
        checkUnits(programmeCode, phaseCode, targets);
        programmes.replaceTargets(phase.id, nationalUnits(), targets);
        publish(touch(programme));
        return programmes.nationalTargets(programmeCode, phaseCode);
    }

    /**
     * Replaces the targets of the units directly below {@code unitId} on {@code asOf} (default today) with those of
     * {@code rows}: a unit below it left out no longer has one; the targets of every other unit stay. The whole list
     * is checked before anything is written.
     *
     * @throws ProblemException 404 for a unit not in force that day; 422 (400 for a malformed row) naming the row at
     *                          fault, see {@link TargetRows}; 422 naming {@code rows} for a list that is too long
     */
    @Transactional
    public UnitTargets assignTargets(String programmeCode, String phaseCode, UUID unitId, LocalDate asOf,
            List<TargetRow> rows) {
        if (rows.size() > MAX_TARGET_ROWS) {
            throw ProblemException.unprocessable("rows", Text.of("At most " + MAX_TARGET_ROWS + " units per list, "
                    + "got " + rows.size(), "Mỗi danh sách nhiều nhất " + MAX_TARGET_ROWS + " đơn vị, nhận được "
                    + rows.size())).limit("max", MAX_TARGET_ROWS);
        }
        Programme programme = lockedProgramme(programmeCode);
        ProgrammePhase phase = loadPhase(programme, phaseCode);
        LocalDate day = asOf != null ? asOf : ProgrammeCalendar.today(clock);
        UnitAsOf unit = inForce(unitId, day);
        List<UnitAsOf> children = queries.children(unitId, day);
        List<ProgrammeTarget> assigned = TargetRows.resolve(rows, unit, day, children);
        Set<UUID> below = children.stream().map(UnitAsOf::id).collect(Collectors.toSet());
        // the unit's own target and its children's, in one read: the children's as they were, to publish what changed
        Map<UUID, Long> before = programmes.targetsOf(programmeCode, phaseCode,
                Stream.concat(below.stream(), Stream.of(unitId)).toList());
        Long own = before.remove(unitId);
        programmes.replaceTargets(phase.id, below, assigned);
        publish(touch(programme));
        Map<UUID, Long> after = new HashMap<>();
        assigned.forEach(t -> after.put(t.unitId(), t.target()));
        publishUnitTargets(programme, phase, before, after);
        Map<UUID, Long> targets = new HashMap<>(after);
        if (own != null) {
            targets.put(unitId, own);
        }
        return UnitTargets.of(unit, day, children, targets);
    }

    private void checkUnits(String programmeCode, String phaseCode, List<ProgrammeTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Map<UUID, OrgUnit> known = units.list("id in ?1", targets.stream().map(ProgrammeTarget::unitId).toList())
                .stream().collect(Collectors.toMap(unit -> unit.id, unit -> unit));
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            UUID unitId = targets.get(i).unitId();
            OrgUnit unit = known.get(unitId);
            if (unit == null) {
                throw ProblemException.unprocessable("[" + i + "].unitId", Text.of("Unit " + unitId
                        + " does not exist", "Không có đơn vị " + unitId));
            }
            if (!HierarchyRules.NATIONAL_LEVEL.contains(unit.type)) {
                String path = "/api/v1/programmes/" + programmeCode + "/phases/" + phaseCode + "/units/"
                        + unit.parentId + "/targets";
                throw ProblemException.unprocessable("[" + i + "].unitId", Text.of(unit.code + " is a " + unit.type
                        + ", below the units whose targets are set nationally: the administrators of its parent "
                        + "set its target with PUT " + path, unit.code + " là " + unit.type + ", dưới các đơn vị có "
                        + "chỉ tiêu do cấp Trung ương giao: quản trị viên đơn vị cấp trên trực tiếp giao chỉ tiêu "
                        + "cho nó bằng PUT " + path));
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

    private Programme lockedProgramme(String code) {
        return programmes.findForUpdate(code).orElseThrow(() -> ProblemException.notFound(Texts.PROGRAMME, code));
    }

    private UnitAsOf inForce(UUID unitId, LocalDate day) {
        return queries.byId(unitId, day).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, Text.of(
                "Unit " + unitId + " is not in force on " + day, "Đơn vị " + unitId + " không có hiệu lực vào ngày "
                        + day), "asOf"));
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

    /**
     * Publishes the programme with the targets set nationally. Flushes first: the event must carry the version the
     * change gets.
     */
    private Programme publish(Programme programme) {
        programmes.flush();
        appendState(programme);
        return programme;
    }

    /** The programme's record on {@code programmes.v1}, with the targets set nationally, into the outbox. */
    private void appendState(Programme programme) {
        var state = programme.toState(this::nationalTargets);
        publishedSize.check(state);
        outbox.append(Topics.PROGRAMMES, programme.code, state);
    }

    /**
     * One record on {@code unit-targets.v1} for each unit whose target in {@code phase} went from {@code before} to
     * {@code after} (set, changed, or taken away), with the version the programme has after the change.
     */
    private void publishUnitTargets(Programme programme, ProgrammePhase phase, Map<UUID, Long> before,
            Map<UUID, Long> after) {
        Map<String, UnitTargetState> changed = new LinkedHashMap<>();
        Set<UUID> touched = new TreeSet<>(before.keySet());
        touched.addAll(after.keySet());
        for (UUID unit : touched) {
            Long target = after.get(unit);
            if (!Objects.equals(before.get(unit), target)) {
                changed.put(UnitTargetState.key(programme.code, phase.code, unit),
                        new UnitTargetState(programme.code, phase.code, unit, target, programme.version));
            }
        }
        outbox.appendAll(Topics.UNIT_TARGETS, changed);
    }

    /**
     * Publishes every programme once more, and every target set below the provinces on {@code unit-targets.v1}: for
     * a database whose targets were all published with their programme before that topic existed.
     */
    @Transactional
    public int republishAll() {
        Set<UUID> national = nationalUnits();
        int published = 0;
        for (Programme programme : programmes.listWithPhases()) {
            appendState(programme);
            for (ProgrammePhase phase : programme.phases) {
                Map<UUID, Long> lower = new HashMap<>();
                phase.targets.stream().filter(t -> !national.contains(t.unitId()))
                        .forEach(t -> lower.put(t.unitId(), t.target()));
                publishUnitTargets(programme, phase, Map.of(), lower);
                published += lower.size();
            }
        }
        return published;
    }

    /** The targets of a phase set nationally, as the programme's record carries them. */
    private List<ProgrammeState.Target> nationalTargets(ProgrammePhase phase) {
        return programmes.nationalTargets(phase.programme.code, phase.code).stream()
                .map(t -> new ProgrammeState.Target(t.unitId(), t.target())).toList();
    }

    /** The units whose targets are set nationally: the confederation, the provinces and the national unions. */
    private Set<UUID> nationalUnits() {
        return units.list("type in ?1", HierarchyRules.NATIONAL_LEVEL).stream().map(u -> u.id)
                .collect(Collectors.toSet());
    }
}
