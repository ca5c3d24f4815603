package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import com.ibm.icu.text.CollationKey;

/** Standard competition ranking (1, 2, 2, 4); ties are listed in {@link VietnameseOrder}. */
public final class Ranking {

    /** A ranked entry with its rank. */
    public record Ranked<T>(int rank, T item) {
    }

    private Ranking() {
    }

    public static <T> List<Ranked<T>> rank(List<T> items, ToDoubleFunction<T> metric, Function<T, String> name) {
        Map<T, CollationKey> keys = new IdentityHashMap<>();
        items.forEach(item -> keys.put(item, VietnameseOrder.key(name.apply(item))));
        List<T> byName = new ArrayList<>(items);
        byName.sort(Comparator.comparing(keys::get));
        Map<T, Integer> order = new IdentityHashMap<>();
        for (int i = 0; i < byName.size(); i++) {
            order.put(byName.get(i), i);
        }
        return rankByOrder(items, metric, order::get);
    }

    /**
     * As {@link #rank}, ties listed by {@code nameOrder}: each item's place among the names in
     * {@link VietnameseOrder}, found once for many rankings of the same items.
     */
    public static <T> List<Ranked<T>> rankByOrder(List<T> items, ToDoubleFunction<T> metric,
            ToIntFunction<T> nameOrder) {
        // each item's figure and place among the names once: a province's grassroots unions are compared many times
        // each, and collating their names at each comparison cost more than the rest (benchmarks/FINDINGS.md, "The
        // standings below the province")
        List<Keyed<T>> sorted = new ArrayList<>(items.size());
        for (T item : items) {
            sorted.add(new Keyed<>(item, metric.applyAsDouble(item), nameOrder.applyAsInt(item)));
        }
        sorted.sort(Comparator.comparingDouble((Keyed<T> k) -> k.value()).reversed()
                .thenComparingInt(Keyed::order));
        List<Ranked<T>> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Keyed<T> item = sorted.get(i);
            boolean tiedWithPrevious = i > 0 && sorted.get(i - 1).value() == item.value();
            int rank = tiedWithPrevious ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Ranked<>(rank, item.item()));
        }
        return ranked;
    }

    private record Keyed<T>(T item, double value, int order) {
    }
}
