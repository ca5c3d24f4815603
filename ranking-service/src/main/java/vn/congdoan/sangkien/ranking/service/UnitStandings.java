package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * The standings of the units below any unit: its direct children, or every unit of one type below it, each counting
 * the initiatives submitted through it and through every unit below it, with the figures and rules of a province's
 * row.
 * <p>
 * The rule of restructuring: an initiative counts for the unit it was submitted through and for the units above that
 * unit in the tree as it stands now, on every day. A unit moved with its subtree takes its figures, past days included,
 * to its new parent. A unit that ended with a successor shows its figures in the successor's row from the day it
 * ended, as a merged province does; one that ended without a successor leaves the rows, its initiatives still counting
 * for the units above it. The rows are the units in force on the day asked for.
 */
@ApplicationScoped
public class UnitStandings {

    /** A unit as the standings name it. */
    public record UnitRef(UUID id, String code, String name, OrgUnitType type) {

        static UnitRef of(Unit unit) {
            return new UnitRef(unit.id(), unit.code(), unit.name(), unit.type());
        }
    }

    /**
     * One unit's line in the standings of the units below another.
     *
     * @param rank               rank among the rows on the chosen metric (1, 2, 2, 4)
     * @param target             its target in the programme's phase current that day; null without one
     * @param memberCount        its own member count, or else the sum of those of the units below it in force
     * @param memberCountSummed  whether {@code memberCount} is that sum
     * @param thisWeek           net change of submissions since the end of the Sunday before
     * @param today              net change of submissions on the day
     * @param movementSinceYesterday places gained since the end of the day before; null before the programme began
     * @param movementSinceLastWeek  places gained since the end of the same day a week before
     */
    public record UnitRow(int rank, UUID unitId, String code, String name, OrgUnitType type, UnitSector sector,
            long submissions, long submitters, long recognized, Long target, BigDecimal targetPercent,
            Integer memberCount, boolean memberCountSummed, BigDecimal perThousandMembers, long thisWeek, long today,
            Integer movementSinceYesterday, Integer movementSinceLastWeek) {
    }

    /** Every row of one standings, in rank order. */
    public record Ranked(String programme, LocalDate date, UnitRef unit, OrgUnitType level, List<UnitRow> rows) {
    }

    private record Key(String programme, UUID unit, OrgUnitType level, Metric sort, LocalDate day, long revision) {
    }

    /** One page of the standings of the units below a unit. */
    public record Page(String programme, LocalDate date, UnitRef unit, OrgUnitType level, int total,
            List<UnitRow> rows,
            @Schema(description = "Where the next page starts; absent on the last page") String nextCursor) {
    }

    /** What a page is kept under among the {@link Views}. */
    private record PageRequest(String programme, UUID unit, OrgUnitType level, Metric sort, LocalDate day,
            int offset, int limit) {
    }

    /** The days whose ends are counted: the day, and those its movements and changes compare with. */
    private static final int DAY = 0;
    private static final int YESTERDAY = 1;
    private static final int LAST_WEEK = 2;
    /** Per moment (the day, yesterday, last week), the day before it and the Sunday before its week. */
    private static final int[] BEFORE = {1, 4, 6};
    private static final int[] BEFORE_WEEK = {3, 5, 7};

    private final UnitRepository units;
    private final UnitFiguresRepository figures;
    private final ReferenceDataRepository reference;
    private final Revision revision;
    private final Views views;
    private final Subtrees subtrees;
    /** How many rows the standings kept in memory hold at most, all together: a bound on their share of the heap. */
    private static final long CACHED_ROWS = 20_000;

    private final RevisionCache<Key, Ranked> ranked = new RevisionCache<>(CACHED_ROWS,
            (key, value) -> Math.max(1, value.rows().size()), Duration.ofMinutes(10));

    public UnitStandings(UnitRepository units, UnitFiguresRepository figures, ReferenceDataRepository reference,
            Revision revision, Views views, Subtrees subtrees) {
        this.units = units;
        this.figures = figures;
        this.reference = reference;
        this.revision = revision;
        this.views = views;
        this.subtrees = subtrees;
    }

    /** The unit asked for, by id or code. */
    public Unit unit(String idOrCode) {
        return units.find(idOrCode).orElseThrow(() -> ProblemException.notFound(Text.of("Unit", "Đơn vị"), idOrCode));
    }

    /**
     * The ranked rows below {@code root} at the end of {@code day} (today when null), from memory when nothing
     * changed since they were computed.
     *
     * @param level the type of unit to rank, every one below {@code root}; null for the units directly below it
     */
    public Ranked ranked(String programme, Unit root, OrgUnitType level, Metric sort, LocalDate day) {
        LocalDate today = views.today();
        LocalDate shown = day == null ? today : day;
        if (shown.isAfter(today)) {
            throw ProblemException.badRequest("asOf", Text.of("asOf " + shown + " is in the future",
                    "ngày asOf " + shown + " nằm trong tương lai"));
        }
        ReferenceDataRepository.Programme p = reference.programme(programme)
                .orElseThrow(() -> StandingsService.unknownProgramme(programme));
        Revision.Current current = revision.current();
        ranked.moveTo(current.revision());
        Key key = new Key(programme, root.id(), level, sort, shown, current.revision());
        Ranked found = ranked.get(key);
        if (found == null) {
            found = new Ranked(programme, shown, UnitRef.of(root), level,
                    compute(p, root, level, sort, shown, current));
            // a past day is asked for once and counted again cheaply from the held subtree: kept, thousands of rows
            // for each day asked would fill the old generation and call for full collections
            if (!shown.isBefore(today)) {
                ranked.put(key, found);
            }
        }
        return found;
    }

    /**
     * A page of the ranked rows below {@code root} as sent to clients, from memory when nothing changed since it was
     * computed.
     */
    public View page(String programme, Unit root, OrgUnitType level, Metric sort, LocalDate day, int offset,
            int size) {
        PageRequest request = new PageRequest(programme, root.id(), level, sort, day, offset, size);
        return views.get(request, () -> {
            Ranked all = ranked(programme, root, level, sort, day);
            List<UnitRow> rows = all.rows();
            int end = Math.min(rows.size(), offset + size);
            return Optional.of(new Page(all.programme(), all.date(), all.unit(), level,
                    rows.size(), offset >= rows.size() ? List.of() : rows.subList(offset, end),
                    end < rows.size() ? QueryParams.cursor(Integer.toString(end)) : null));
        }).orElseThrow();
    }

    private List<UnitRow> compute(ReferenceDataRepository.Programme programme, Unit root, OrgUnitType level,
            Metric sort, LocalDate day, Revision.Current current) {
        Subtree held = subtrees.of(programme.code(), root, current).orElse(null);
        List<Unit> below = held != null ? held.below : units.below(root.id());
        Map<UUID, Unit> byId = held != null ? held.byId : new HashMap<>();
        if (held == null) {
            below.forEach(u -> byId.put(u.id(), u));
        }
        Map<UUID, UUID> rowOf = rowsOf(root, below, byId, level, day);
        Set<UUID> rowIds = new HashSet<>(rowOf.values());
        List<Unit> rows = below.stream().filter(u -> rowIds.contains(u.id())).toList();

        LocalDate weekStart = StandingsMath.weekStart(day);
        List<LocalDate> days = List.of(day, day.minusDays(1), day.minusDays(7), weekStart.minusDays(1),
                day.minusDays(2), StandingsMath.weekStart(day.minusDays(1)).minusDays(1), day.minusDays(8),
                StandingsMath.weekStart(day.minusDays(7)).minusDays(1));
        // submitters on the day, the day before and a week before: the three the rows and their movements show
        Map<UUID, UnitFiguresRepository.Figures> counted = held != null ? held.figures(rowOf, days, 3)
                : figures.figures(programme.code(), rowOf, days, 3);
        List<LocalDate> targetDays = List.of(day, day.minusDays(1), day.minusDays(7));
        List<Map<UUID, Long>> targets = held != null ? targets(programme.code(), held, targetDays)
                : figures.targets(programme.code(), rowIds, targetDays);
        Members members = new Members(below, byId, day);

        List<ProvinceFigures> onDay = figuresOn(rows, counted, targets.get(0), members, DAY, 0);
        LocalDate start = programme.startDate();
        List<ProvinceFigures> yesterday = start != null && day.minusDays(1).isBefore(start) ? null
                : figuresOn(rows, counted, targets.get(1), members, YESTERDAY, 1);
        List<ProvinceFigures> lastWeek = start != null && day.minusDays(7).isBefore(start) ? null
                : figuresOn(rows, counted, targets.get(2), members, LAST_WEEK, 2);
        List<UnitRow> ranked = new ArrayList<>(rows.size());
        List<StandingRow> standings = held != null
                ? StandingsCalculator.rank(onDay, yesterday, lastWeek, sort, null, null, held.nameOrder())
                : StandingsCalculator.rank(onDay, yesterday, lastWeek, sort, null, null);
        for (StandingRow r : standings) {
            Unit u = byId.get(r.provinceId());
            ranked.add(new UnitRow(r.rank(), u.id(), u.code(), u.name(), u.type(), u.sector(), r.submissions(),
                    r.submitters(), r.recognized(), r.target(), r.targetPercent(), r.memberCount(),
                    members.summed(u.id()), r.perThousandMembers(), r.thisWeek(), r.today(),
                    r.movementSinceYesterday(), r.movementSinceLastWeek()));
        }
        return ranked;
    }

    /** The targets of the units below a held subtree's root in the phase current at the end of each day. */
    private List<Map<UUID, Long>> targets(String programme, Subtree held, List<LocalDate> days) {
        List<Phases.Phase> phases = held.phases(() -> figures.phases(programme));
        List<Map<UUID, Long>> targets = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            targets.add(Phases.current(phases, day).map(phase -> held.targets(phase.code(),
                    () -> figures.targetsByPhase(programme, null, held.below.stream().map(Unit::id).toList())))
                    .orElse(Map.of()));
        }
        return targets;
    }

    /**
     * The row each unit below {@code root} counts in: the nearest of itself and the units above it that is a row
     * (directly below {@code root}, or of type {@code level}); a row ended by the day counts in its successor's row
     * when that is one.
     */
    static Map<UUID, UUID> rowsOf(Unit root, List<Unit> below, Map<UUID, Unit> byId, OrgUnitType level,
            LocalDate day) {
        Set<UUID> shown = new HashSet<>();
        for (Unit u : below) {
            if (candidate(root, u, level) && u.inForceOn(day)) {
                shown.add(u.id());
            }
        }
        Map<UUID, UUID> rowOf = new HashMap<>();
        for (Unit u : below) {
            Unit at = u;
            int depth = 0;
            while (at != null && !candidate(root, at, level) && depth++ < 32) {
                at = byId.get(at.parentId());
            }
            if (at == null || !candidate(root, at, level)) {
                continue;
            }
            UUID row = at.id();
            if (!shown.contains(row)) {
                boolean merged = at.successorId() != null && at.validTo() != null && !day.isBefore(at.validTo())
                        && shown.contains(at.successorId());
                if (!merged) {
                    continue;
                }
                row = at.successorId();
            }
            rowOf.put(u.id(), row);
        }
        return rowOf;
    }

    private static boolean candidate(Unit root, Unit unit, OrgUnitType level) {
        return level == null ? root.id().equals(unit.parentId()) : unit.type() == level;
    }

    private static List<ProvinceFigures> figuresOn(List<Unit> rows, Map<UUID, UnitFiguresRepository.Figures> counted,
            Map<UUID, Long> targets, Members members, int at, int moment) {
        List<ProvinceFigures> list = new ArrayList<>(rows.size());
        for (Unit u : rows) {
            UnitFiguresRepository.Figures f = counted.get(u.id());
            long submissions = f == null ? 0 : f.submissions()[at];
            long thisWeek = f == null ? 0 : submissions - f.submissions()[BEFORE_WEEK[moment]];
            long today = f == null ? 0 : submissions - f.submissions()[BEFORE[moment]];
            list.add(new ProvinceFigures(u.id(), u.code(), u.name(), members.of(u.id()), submissions,
                    f == null ? 0 : f.submitters()[at], f == null ? 0 : f.recognized()[at], targets.get(u.id()),
                    thisWeek, today, List.of(), List.of()));
        }
        return list;
    }

    /** Member counts: a unit's own, or else the sum of those of the units directly below it in force. */
    static final class Members {

        private final Map<UUID, List<Unit>> children = new HashMap<>();
        private final Map<UUID, Integer> counts = new HashMap<>();
        private final Set<UUID> summed = new HashSet<>();
        private final Map<UUID, Unit> byId;

        /** @param byId the units of {@code below} by id */
        Members(List<Unit> below, Map<UUID, Unit> byId, LocalDate day) {
            this.byId = byId;
            for (Unit u : below) {
                if (u.inForceOn(day)) {
                    children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
                }
            }
        }

        Integer of(UUID unit) {
            if (counts.containsKey(unit)) {
                return counts.get(unit);
            }
            Unit u = byId.get(unit);
            Integer count = u == null ? null : u.memberCount();
            if (count == null) {
                Integer sum = null;
                for (Unit child : children.getOrDefault(unit, List.of())) {
                    Integer c = of(child.id());
                    if (c != null) {
                        sum = (sum == null ? 0 : sum) + c;
                    }
                }
                if (sum != null) {
                    summed.add(unit);
                }
                count = sum;
            }
            counts.put(unit, count);
            return count;
        }

        boolean summed(UUID unit) {
            of(unit);
            return summed.contains(unit);
        }
    }
}
