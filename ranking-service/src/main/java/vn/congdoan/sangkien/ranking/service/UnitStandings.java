package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.UUID;
import java.util.function.Supplier;

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
    private final ReferenceLookups lookups;
    private final Revision revision;
    private final Views views;
    private final Subtrees subtrees;
    /** How many rows the standings kept in memory hold at most, all together: a bound on their share of the heap. */
    private static final long CACHED_ROWS = 20_000;

    private final RevisionCache<Key, Ranked> ranked = new RevisionCache<>(CACHED_ROWS,
            (key, value) -> Math.max(1, value.rows().size()), Duration.ofMinutes(10));

    public UnitStandings(UnitRepository units, UnitFiguresRepository figures, ReferenceLookups lookups,
            Revision revision, Views views, Subtrees subtrees) {
        this.units = units;
        this.figures = figures;
        this.lookups = lookups;
        this.revision = revision;
        this.views = views;
        this.subtrees = subtrees;
    }

    /** The unit asked for, by id or code. */
    public Unit unit(String idOrCode) {
        return lookups.unit(idOrCode)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Unit", "Đơn vị"), idOrCode));
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
        ReferenceDataRepository.Programme p = lookups.programme(programme)
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
     * computed; a page of a day past is counted again for each read (see {@link #ranked}).
     */
    public View page(String programme, Unit root, OrgUnitType level, Metric sort, LocalDate day, int offset,
            int size) {
        return page(programme, root, level, sort, day, offset, size, false);
    }

    /**
     * As {@link #page}, for a stream, which asks for its page again several times a second: kept from memory until
     * something changes, whatever its day.
     */
    public View followedPage(String programme, Unit root, OrgUnitType level, Metric sort, LocalDate day, int size) {
        return page(programme, root, level, sort, day, 0, size, true);
    }

    private View page(String programme, Unit root, OrgUnitType level, Metric sort, LocalDate day, int offset,
            int size, boolean followed) {
        Supplier<Optional<?>> compute = () -> {
            Ranked all = ranked(programme, root, level, sort, day);
            List<UnitRow> rows = all.rows();
            int end = Math.min(rows.size(), offset + size);
            return Optional.of(new Page(all.programme(), all.date(), all.unit(), level,
                    rows.size(), offset >= rows.size() ? List.of() : rows.subList(offset, end),
                    end < rows.size() ? QueryParams.cursor(Integer.toString(end)) : null));
        };
        // a day past is counted again cheaply, as its rows are (see ranked)
        if (!followed && day != null && day.isBefore(views.today())) {
            return views.once(compute).orElseThrow();
        }
        return views.get(new PageRequest(programme, root.id(), level, sort, day, offset, size), compute)
                .orElseThrow();
    }

    private List<UnitRow> compute(ReferenceDataRepository.Programme programme, Unit root, OrgUnitType level,
            Metric sort, LocalDate day, Revision.Current current) {
        Subtree held = subtrees.of(programme.code(), root, current).orElse(null);
        UnitIndex below = held != null ? held.units : new UnitIndex(units.below(root.id()));
        UnitIndex.Rows rows = below.rows(root, level, day);

        LocalDate weekStart = StandingsMath.weekStart(day);
        List<LocalDate> days = List.of(day, day.minusDays(1), day.minusDays(7), weekStart.minusDays(1),
                day.minusDays(2), StandingsMath.weekStart(day.minusDays(1)).minusDays(1), day.minusDays(8),
                StandingsMath.weekStart(day.minusDays(7)).minusDays(1));
        // submitters on the day, the day before and a week before: the three the rows and their movements show
        RowFigures counted = held != null ? held.figures(rows, days, 3)
                : RowFigures.of(rows, figures.figures(programme.code(), rows.byId(), days, 3), days.size());
        List<LocalDate> targetDays = List.of(day, day.minusDays(1), day.minusDays(7));
        Long[][] targets = held != null ? targets(programme.code(), held, rows, targetDays)
                : targets(programme.code(), rows, targetDays);
        boolean[] summed = new boolean[below.size()];
        Integer[] members = below.members(day, summed);

        Metric moving = StandingsCalculator.moving(sort);
        LocalDate start = programme.startDate();
        double[] yesterday = start != null && day.minusDays(1).isBefore(start) ? null
                : values(moving, counted, YESTERDAY, 1, rows, targets[1], members);
        double[] lastWeek = start != null && day.minusDays(7).isBefore(start) ? null
                : values(moving, counted, LAST_WEEK, 2, rows, targets[2], members);
        int[] names = held != null ? held.nameOrder() : below.nameOrder();
        int[] rowNames = new int[rows.count()];
        for (int r = 0; r < rowNames.length; r++) {
            rowNames[r] = names[rows.rowUnit()[r]];
        }
        StandingsCalculator.Placed placed = StandingsCalculator.rankValues(
                values(moving, counted, DAY, 0, rows, targets[0], members), yesterday, lastWeek, sort, rowNames);
        return new RankedRows(rows, DayFigures.of(counted, DAY, 0), targets[0], members, summed, placed);
    }

    /** Per day, the target of each row in the phase current at the end of it, from a held subtree. */
    private Long[][] targets(String programme, Subtree held, UnitIndex.Rows rows, List<LocalDate> days) {
        List<Phases.Phase> phases = held.phases(() -> figures.phases(programme));
        Long[][] targets = new Long[days.size()][rows.count()];
        for (int d = 0; d < days.size(); d++) {
            Optional<Phases.Phase> phase = Phases.current(phases, days.get(d));
            if (phase.isPresent()) {
                Long[] byPosition = held.targets(phase.get().code(), () -> figures.targetsByPhase(programme, null,
                        held.units.units.stream().map(Unit::id).toList()));
                for (int r = 0; r < rows.count(); r++) {
                    targets[d][r] = byPosition[rows.rowUnit()[r]];
                }
            }
        }
        return targets;
    }

    /** Per day, the target of each row in the phase current at the end of it, read from the database. */
    private Long[][] targets(String programme, UnitIndex.Rows rows, List<LocalDate> days) {
        List<UUID> ids = new ArrayList<>(rows.count());
        for (int r = 0; r < rows.count(); r++) {
            ids.add(rows.unit(r).id());
        }
        List<Map<UUID, Long>> byDay = figures.targets(programme, ids, days);
        Long[][] targets = new Long[days.size()][rows.count()];
        for (int d = 0; d < days.size(); d++) {
            for (int r = 0; r < rows.count(); r++) {
                targets[d][r] = byDay.get(d).get(ids.get(r));
            }
        }
        return targets;
    }

    /**
     * The figures of the rows as the standings of the end of one of the days counted show them, by row.
     */
    private record DayFigures(long[] submissions, long[] submitters, long[] recognized, long[] thisWeek,
            long[] today) {

        /**
         * @param at     the day counted at
         * @param moment which of the day, yesterday and last week it is, for the days its changes compare with
         */
        static DayFigures of(RowFigures counted, int at, int moment) {
            int n = counted.submissions().length / counted.days();
            DayFigures f = new DayFigures(new long[n], new long[n], new long[n], new long[n], new long[n]);
            for (int r = 0; r < n; r++) {
                long submissions = counted.submissions(r, at);
                f.submissions[r] = submissions;
                f.submitters[r] = counted.submitters(r, at);
                f.recognized[r] = counted.recognized(r, at);
                f.thisWeek[r] = weekSoFar(counted, r, at, moment);
                f.today[r] = onTheDay(counted, r, at, moment);
            }
            return f;
        }
    }

    /**
     * Each row's value of {@code metric} at the end of one of the days counted, with its target and its unit's
     * member count.
     *
     * @param at     the day counted at
     * @param moment which of the day, yesterday and last week it is, for the days its changes compare with
     */
    private static double[] values(Metric metric, RowFigures counted, int at, int moment, UnitIndex.Rows rows,
            Long[] targets, Integer[] members) {
        double[] values = new double[rows.count()];
        for (int r = 0; r < values.length; r++) {
            values[r] = metric.rankValue(counted.submissions(r, at), counted.submitters(r, at),
                    counted.recognized(r, at), targets[r], members[rows.rowUnit()[r]],
                    weekSoFar(counted, r, at, moment), onTheDay(counted, r, at, moment));
        }
        return values;
    }

    /** A row's submissions in the week of one of the days counted, up to its end. */
    private static long weekSoFar(RowFigures counted, int r, int at, int moment) {
        return counted.submissions(r, at) - counted.submissions(r, BEFORE_WEEK[moment]);
    }

    /** A row's submissions on one of the days counted. */
    private static long onTheDay(RowFigures counted, int r, int at, int moment) {
        return counted.submissions(r, at) - counted.submissions(r, BEFORE[moment]);
    }

    /**
     * The rows of a standings in rank order, each made when it is read: a page of a hundred rows of thousands makes
     * only its own, and the rows kept for today's paging weigh their figures' arrays, not a row object each.
     */
    private static final class RankedRows extends AbstractList<UnitRow> implements RandomAccess {

        private final UnitIndex.Rows rows;
        private final DayFigures figures;
        private final Long[] targets;
        /** By unit position. */
        private final Integer[] members;
        /** By unit position. */
        private final boolean[] summed;
        private final StandingsCalculator.Placed placed;

        RankedRows(UnitIndex.Rows rows, DayFigures figures, Long[] targets, Integer[] members, boolean[] summed,
                StandingsCalculator.Placed placed) {
            this.rows = rows;
            this.figures = figures;
            this.targets = targets;
            this.members = members;
            this.summed = summed;
            this.placed = placed;
        }

        @Override
        public UnitRow get(int index) {
            int r = placed.ranks().order()[index];
            int at = rows.rowUnit()[r];
            Unit u = rows.units().unit(at);
            long submissions = figures.submissions()[r];
            return new UnitRow(placed.ranks().rank()[r], u.id(), u.code(), u.name(), u.type(), u.sector(),
                    submissions, figures.submitters()[r], figures.recognized()[r], targets[r],
                    StandingsMath.percent(submissions, targets[r]), members[at], summed[at],
                    StandingsMath.perThousand(submissions, members[at]), figures.thisWeek()[r], figures.today()[r],
                    placed.sinceYesterday()[r], placed.sinceLastWeek()[r]);
        }

        @Override
        public int size() {
            return rows.count();
        }
    }
}
