package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository.Counted;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * The units below one unit and the initiatives submitted through them, held in memory: the standings below that unit
 * on any day are then counted from here, with the rules of {@code UnitFiguresRepository.figures}, without reading
 * every initiative of the subtree again. The initiatives are brought up to date with those written since they were
 * last read; the units and targets are read again whole when the reference data change.
 * <p>
 * Each initiative has a slot in parallel arrays (its unit, the epoch days it counts from, is recognised from and
 * counts until, its authors); a slot is kept for an initiative that stops counting, marked as counting in no unit.
 */
final class Subtree {

    /** A day that never comes: a slot not recognised, or counting until further notice. */
    private static final int NEVER = Integer.MAX_VALUE;
    private static final int NONE = -1;

    /** The revision of the reference data the units and targets were read at. */
    final long reference;
    /** Every unit below the root, in force or not. */
    final UnitIndex units;
    /** Per phase, the targets of the units by position; null until first asked for. */
    private Map<String, Long[]> targets;
    private List<Phases.Phase> phases;
    private int[] nameOrder;

    /** The standings revision the initiatives were last brought up to date at. */
    private long revision;
    /** The lowest id of a transaction running when the initiatives were last read: the next read starts there. */
    private long from;
    private final Map<UUID, Integer> slots = new HashMap<>();
    private final Map<String, Integer> members = new HashMap<>();
    private int size;
    private int[] unit = new int[16];
    private int[] countedFrom = new int[16];
    private int[] recognizedFrom = new int[16];
    private int[] countedUntil = new int[16];
    private int[][] authors = new int[16][];

    Subtree(long reference, long revision, List<Unit> below, long from, List<Counted> initiatives) {
        this.reference = reference;
        this.revision = revision;
        this.units = new UnitIndex(below);
        this.from = from;
        initiatives.forEach(this::put);
    }

    /** Initiatives and units held: what the subtree weighs among those kept. */
    synchronized int weight() {
        return size + members.size() + units.size();
    }

    /** The standings revision the initiatives were brought up to date at. */
    synchronized long revision() {
        return revision;
    }

    /** Where the next read of written initiatives starts. */
    synchronized long from() {
        return from;
    }

    /**
     * The initiatives written since the last read, read from {@link #from()}: each replaces what was held of it.
     * Rows seen before are seen again harmlessly, as each carries an initiative's whole state.
     */
    synchronized void update(long revision, long from, List<Counted> written) {
        written.forEach(this::put);
        this.revision = Math.max(this.revision, revision);
        this.from = Math.max(this.from, from);
    }

    /**
     * The targets of the units below in one phase by position (null without one), those of every phase read at once
     * per revision of the reference data: a past day of another phase then costs no read.
     */
    synchronized Long[] targets(String phase, Supplier<Map<String, Map<UUID, Long>>> read) {
        if (targets == null) {
            targets = new HashMap<>();
            read.get().forEach((code, byUnit) -> {
                Long[] byPosition = new Long[units.size()];
                byUnit.forEach((unit, target) -> {
                    int at = units.position(unit);
                    if (at != UnitIndex.NONE) {
                        byPosition[at] = target;
                    }
                });
                targets.put(code, byPosition);
            });
        }
        // read only by callers: a phase without targets shares one array of nulls
        return targets.computeIfAbsent(phase, code -> new Long[units.size()]);
    }

    /** Each unit's place among the names of the units below by position, as the standings list ties; found once. */
    synchronized int[] nameOrder() {
        if (nameOrder == null) {
            nameOrder = units.nameOrder();
        }
        return nameOrder;
    }

    /** The programme's phases, read once per revision of the reference data. */
    synchronized List<Phases.Phase> phases(Supplier<List<Phases.Phase>> read) {
        if (phases == null) {
            phases = read.get();
        }
        return phases;
    }

    private void put(Counted c) {
        Integer at = slots.get(c.initiativeId());
        int u = units.position(c.unitId());
        if (at == null) {
            if (u == UnitIndex.NONE || c.countedFrom() == null) {
                return;
            }
            at = size++;
            grow();
            slots.put(c.initiativeId(), at);
        }
        unit[at] = c.countedFrom() == null ? NONE : u;
        countedFrom[at] = day(c.countedFrom());
        recognizedFrom[at] = day(c.recognizedFrom());
        countedUntil[at] = day(c.countedUntil());
        int[] ids = new int[c.authors().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = members.computeIfAbsent(c.authors()[i], m -> members.size());
        }
        authors[at] = ids;
    }

    private void grow() {
        if (size > unit.length) {
            int length = unit.length * 2;
            unit = Arrays.copyOf(unit, length);
            countedFrom = Arrays.copyOf(countedFrom, length);
            recognizedFrom = Arrays.copyOf(recognizedFrom, length);
            countedUntil = Arrays.copyOf(countedUntil, length);
            authors = Arrays.copyOf(authors, length);
        }
    }

    private static int day(LocalDate day) {
        return day == null ? NEVER : Math.toIntExact(day.toEpochDay());
    }

    /**
     * The figures of each row at the end of each of {@code days}, as {@code UnitFiguresRepository.figures} counts
     * them: a row counts the initiatives of every unit mapped to it; distinct submitters on the first
     * {@code submitterDays} days only.
     */
    synchronized RowFigures figures(UnitIndex.Rows rows, List<LocalDate> days, int submitterDays) {
        int[] rowOfUnit = rows.rowOfUnit();
        int n = days.size();
        int[] ends = new int[n];
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            ends[i] = day(days.get(i));
            last = Math.max(last, ends[i]);
        }
        int count = rows.count();
        // the slots counted by the last day, grouped by row (a counting sort), so that each row's authors are seen
        // together and told apart with one mark per member
        int[] start = new int[count + 1];
        for (int k = 0; k < size; k++) {
            int r = rowOf(k, rowOfUnit, last);
            if (r != NONE) {
                start[r + 1]++;
            }
        }
        for (int r = 0; r < count; r++) {
            start[r + 1] += start[r];
        }
        int[] order = new int[start[count]];
        int[] next = Arrays.copyOf(start, count);
        for (int k = 0; k < size; k++) {
            int r = rowOf(k, rowOfUnit, last);
            if (r != NONE) {
                order[next[r]++] = k;
            }
        }
        RowFigures figures = new RowFigures(count, n);
        long[] submissions = figures.submissions();
        long[] recognized = figures.recognized();
        long[] submitters = figures.submitters();
        for (int r = 0; r < count; r++) {
            for (int j = start[r]; j < start[r + 1]; j++) {
                int k = order[j];
                for (int i = 0; i < n; i++) {
                    int end = ends[i];
                    if (countsOn(k, end)) {
                        submissions[r * n + i]++;
                        if (recognizedFrom[k] <= end) {
                            recognized[r * n + i]++;
                        }
                    }
                }
            }
        }
        // distinct submitters, a day at a time: the mark of the day and row each member was last counted in
        int[] seen = new int[members.size()];
        for (int i = 0; i < submitterDays; i++) {
            int end = ends[i];
            for (int r = 0; r < count; r++) {
                int mark = i * (count + 1) + r + 1;
                for (int j = start[r]; j < start[r + 1]; j++) {
                    int k = order[j];
                    if (countsOn(k, end)) {
                        for (int member : authors[k]) {
                            if (seen[member] != mark) {
                                seen[member] = mark;
                                submitters[r * n + i]++;
                            }
                        }
                    }
                }
            }
        }
        return figures;
    }

    /** Whether slot {@code k} counts at the end of day {@code end}. */
    private boolean countsOn(int k, int end) {
        return countedFrom[k] <= end && countedUntil[k] > end;
    }

    /** The row slot {@code k} counts in when it counts by day {@code last}; {@link #NONE} otherwise. */
    private int rowOf(int k, int[] rowOfUnit, int last) {
        return unit[k] == NONE || countedFrom[k] > last ? NONE : rowOfUnit[unit[k]];
    }
}
