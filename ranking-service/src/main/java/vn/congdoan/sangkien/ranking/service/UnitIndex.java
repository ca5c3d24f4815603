package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * The units below a root by position, each with its parent's: the standings below the root are then counted and
 * ranked in arrays by position rather than in maps by id, which for a province's thousands of grassroots unions cost
 * more than the counting.
 */
final class UnitIndex {

    /** No unit: a parent above the root, or a unit in no row. */
    static final int NONE = -1;

    /** Every unit below the root, in force or not, nearest levels first: a unit comes after its parent. */
    final List<Unit> units;
    private final Map<UUID, Integer> positions;
    private final int[] parent;

    UnitIndex(List<Unit> below) {
        this.units = List.copyOf(below);
        this.positions = new HashMap<>(units.size() * 2);
        for (int i = 0; i < units.size(); i++) {
            positions.put(units.get(i).id(), i);
        }
        this.parent = new int[units.size()];
        for (int i = 0; i < units.size(); i++) {
            parent[i] = position(units.get(i).parentId());
        }
    }

    int size() {
        return units.size();
    }

    Unit unit(int position) {
        return units.get(position);
    }

    /** The position of a unit below the root; {@link #NONE} for any other. */
    int position(UUID id) {
        Integer at = id == null ? null : positions.get(id);
        return at == null ? NONE : at;
    }

    /** Each unit's place among the names of the units, by position, as the standings list ties. */
    int[] nameOrder() {
        return VietnameseOrder.places(units.stream().map(u -> ProvinceNames.shortName(u.name())).toList());
    }

    /**
     * The rows below {@code root} on {@code day}: the units directly below it (level null), or every one of type
     * {@code level} below it, in force that day; a unit counts in the nearest of itself and the units above it that
     * is a row, and a row ended by the day counts in its successor's row when that is one.
     */
    Rows rows(Unit root, OrgUnitType level, LocalDate day) {
        int n = units.size();
        boolean[] candidate = new boolean[n];
        boolean[] shown = new boolean[n];
        int[] rowOfUnit = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            candidate[i] = level == null ? root.id().equals(u.parentId()) : u.type() == level;
            if (candidate[i] && u.inForceOn(day)) {
                shown[i] = true;
                rowOfUnit[i] = count++;
            }
        }
        int[] rowUnit = new int[count];
        for (int i = 0; i < n; i++) {
            if (shown[i]) {
                rowUnit[rowOfUnit[i]] = i;
            }
        }
        // the row of each candidate, once: its own, its successor's, or none
        int[] rowOfCandidate = new int[n];
        for (int i = 0; i < n; i++) {
            rowOfCandidate[i] = NONE;
            if (shown[i]) {
                rowOfCandidate[i] = rowOfUnit[i];
            } else if (candidate[i]) {
                Unit at = units.get(i);
                int successor = position(at.successorId());
                if (successor != NONE && at.validTo() != null && !day.isBefore(at.validTo()) && shown[successor]) {
                    rowOfCandidate[i] = rowOfUnit[successor];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int at = i;
            int depth = 0;
            while (at != NONE && !candidate[at] && depth++ < 32) {
                at = parent[at];
            }
            rowOfUnit[i] = at == NONE || !candidate[at] ? NONE : rowOfCandidate[at];
        }
        return new Rows(this, rowOfUnit, rowUnit);
    }

    /**
     * Each unit's member count on {@code day}: its own, or else the sum of those of the units directly below it in
     * force that day (null when none has one).
     *
     * @param summed set for each unit whose count is such a sum
     */
    Integer[] members(LocalDate day, boolean[] summed) {
        int n = units.size();
        Integer[] counts = new Integer[n];
        long[] sums = new long[n];
        boolean[] any = new boolean[n];
        // children come after their parents: from the last, each unit's count is whole before its parent's
        for (int i = n - 1; i >= 0; i--) {
            Unit u = units.get(i);
            if (u.memberCount() != null) {
                counts[i] = u.memberCount();
            } else if (any[i]) {
                counts[i] = Math.toIntExact(sums[i]);
                summed[i] = true;
            }
            if (counts[i] != null && parent[i] != NONE && u.inForceOn(day)) {
                sums[parent[i]] += counts[i];
                any[parent[i]] = true;
            }
        }
        return counts;
    }

    /**
     * The rows of a standings by position.
     *
     * @param rowOfUnit per unit, the row it counts in, or {@link #NONE}
     * @param rowUnit   per row, in the order of the units, the unit's position
     */
    record Rows(UnitIndex units, int[] rowOfUnit, int[] rowUnit) {

        int count() {
            return rowUnit.length;
        }

        Unit unit(int row) {
            return units.unit(rowUnit[row]);
        }

        /** Each unit's row by id, for the count in the database. */
        Map<UUID, UUID> byId() {
            Map<UUID, UUID> rowOf = new HashMap<>(rowOfUnit.length * 2);
            for (int i = 0; i < rowOfUnit.length; i++) {
                if (rowOfUnit[i] != NONE) {
                    rowOf.put(units.unit(i).id(), unit(rowOfUnit[i]).id());
                }
            }
            return rowOf;
        }
    }
}
