package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Standard competition ranking (1, 2, 2, 4); ties are listed in {@link VietnameseOrder}. */
public final class Ranking {

    /** A ranked entry with its rank. */
    public record Ranked<T>(int rank, T item) {
    }

    private Ranking() {
    }

    public static <T> List<Ranked<T>> rank(List<T> items, ToDoubleFunction<T> metric, Function<T, String> name) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(metric).reversed().thenComparing(name, VietnameseOrder.NAMES));
        List<Ranked<T>> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            T item = sorted.get(i);
            boolean tiedWithPrevious = i > 0 && metric.applyAsDouble(sorted.get(i - 1)) == metric.applyAsDouble(item);
            int rank = tiedWithPrevious ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Ranked<>(rank, item));
        }
        return ranked;
    }
}
