package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import com.ibm.icu.text.CollationKey;

/** Standard competition ranking (1, 2, 2, 4); ties are listed in {@link VietnameseOrder}. */
public final class Ranking {

    /** A ranked entry with its rank. */
    public record Ranked<T>(int rank, T item) {
    }

    private Ranking() {
    }

    public static <T> List<Ranked<T>> rank(List<T> items, ToDoubleFunction<T> metric, Function<T, String> name) {
        return rankByKey(items, metric, item -> VietnameseOrder.key(name.apply(item)));
    }

    /** As {@link #rank}, ties listed in the order of the names' sort keys ({@link VietnameseOrder#key}). */
    public static <T> List<Ranked<T>> rankByKey(List<T> items, ToDoubleFunction<T> metric,
            Function<T, CollationKey> key) {
        // each item's figure and sort key once: a province's grassroots unions are compared many times each, and
        // collating their names at each comparison cost more than the rest (benchmarks/FINDINGS.md, "The standings
        // below the province")
        List<Keyed<T>> sorted = new ArrayList<>(items.size());
        for (T item : items) {
            sorted.add(new Keyed<>(item, metric.applyAsDouble(item), key.apply(item)));
        }
        sorted.sort(Comparator.comparingDouble((Keyed<T> k) -> k.value()).reversed().thenComparing(Keyed::key));
        List<Ranked<T>> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Keyed<T> item = sorted.get(i);
            boolean tiedWithPrevious = i > 0 && sorted.get(i - 1).value() == item.value();
            int rank = tiedWithPrevious ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Ranked<>(rank, item.item()));
        }
        return ranked;
    }

    private record Keyed<T>(T item, double value, CollationKey key) {
    }
}
