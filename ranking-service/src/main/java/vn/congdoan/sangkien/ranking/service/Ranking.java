package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Standard competition ranking (1, 2, 2, 4); ties are listed in {@link VietnameseOrder}. */
public final class Ranking {

    /** A ranked entry with its rank. */
    public record Ranked<T>(int rank, T item) {
    }

    /**
     * Items ranked by index.
     *
     * @param order the items' indices in rank order
     * @param rank  each item's rank, by its index
     */
    public record Ranks(int[] order, int[] rank) {
    }

    private Ranking() {
    }

    /** Ranks items by {@code metric}, largest first, ties listed by {@code name} in {@link VietnameseOrder}. */
    public static <T> List<Ranked<T>> rank(List<T> items, ToDoubleFunction<T> metric, Function<T, String> name) {
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metric.applyAsDouble(items.get(i));
        }
        Ranks ranks = rank(values, VietnameseOrder.places(items.stream().map(name).toList()));
        List<Ranked<T>> ranked = new ArrayList<>(values.length);
        for (int i : ranks.order()) {
            ranked.add(new Ranked<>(ranks.rank()[i], items.get(i)));
        }
        return ranked;
    }

    /**
     * Ranks items by {@code values}, largest first, ties listed by {@code names} (each item's place among the names;
     * equal places by index). Sorts the values alone and counts the rest into place: a province's thousands of
     * grassroots unions are ranked several times for each read of their standings, and sorting them as objects
     * through comparators cost more than the rest of the read.
     */
    public static Ranks rank(double[] values, int[] names) {
        int n = values.length;
        int[] byName = inNameOrder(names);
        // the distinct values, smallest first; an item's place is its value's among them, largest first
        double[] distinct = values.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (count == 0 || Double.compare(distinct[count - 1], distinct[k]) != 0) {
                distinct[count++] = distinct[k];
            }
        }
        int[] place = new int[n];
        int[] next = new int[count + 1];
        for (int i = 0; i < n; i++) {
            place[i] = count - 1 - Arrays.binarySearch(distinct, 0, count, values[i]);
            next[place[i] + 1]++;
        }
        for (int v = 0; v < count; v++) {
            next[v + 1] += next[v];
        }
        // a counting sort by place, taking the items in name order: ties stay in it
        int[] order = new int[n];
        for (int i : byName) {
            order[next[place[i]]++] = i;
        }
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            rank[i] = k > 0 && place[order[k - 1]] == place[i] ? rank[order[k - 1]] : k + 1;
        }
        return new Ranks(order, rank);
    }

    /** The items' indices in the order of their name places, equal places by index. */
    private static int[] inNameOrder(int[] names) {
        int n = names.length;
        int[] atName = atName(names);
        int[] byName = new int[n];
        if (atName != null) {
            int k = 0;
            for (int i : atName) {
                if (i >= 0) {
                    byName[k++] = i;
                }
            }
            return byName;
        }
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = (long) names[i] << 32 | i;
        }
        Arrays.sort(keyed);
        for (int k = 0; k < n; k++) {
            byName[k] = (int) keyed[k];
        }
        return byName;
    }

    /**
     * The item at each name place (-1 at a place no item has), when the places are distinct and few enough to index
     * an array by, as those of a subtree's units are; null otherwise.
     */
    private static int[] atName(int[] names) {
        int max = -1;
        for (int name : names) {
            if (name < 0) {
                return null;
            }
            max = Math.max(max, name);
        }
        if (max >= 4 * names.length + 64) {
            return null;
        }
        int[] at = new int[max + 1];
        Arrays.fill(at, -1);
        for (int i = 0; i < names.length; i++) {
            if (at[names[i]] != -1) {
                return null;
            }
            at[names[i]] = i;
        }
        return at;
    }
}
