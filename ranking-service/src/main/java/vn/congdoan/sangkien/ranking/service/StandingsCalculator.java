package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import com.ibm.icu.text.CollationKey;

/** Turns the figures of one day, and those of the day before and a week before, into ranked standings. */
public final class StandingsCalculator {

    private StandingsCalculator() {
    }

    /**
     * @param yesterday the figures of the previous day's snapshot; null when there is none
     * @param lastWeek  the figures of the snapshot seven days earlier; null when there is none
     * @param region    the region whose ranks to give its members; null for each province's first region
     * @param cluster   the emulation cluster whose ranks to give its members; null for each province's first one
     * @return every province in national rank order on {@code metric}
     */
    public static List<StandingRow> rank(List<ProvinceFigures> today, List<ProvinceFigures> yesterday,
            List<ProvinceFigures> lastWeek, Metric metric, String region, String cluster) {
        return rank(today, yesterday, lastWeek, metric, region, cluster, nameOrder(today, yesterday, lastWeek));
    }

    /**
     * As {@link #rank(List, List, List, Metric, String, String)}, with each province's place among the names in
     * {@link VietnameseOrder} given: a caller that ranks the same rows again and again finds them once.
     */
    public static List<StandingRow> rank(List<ProvinceFigures> today, List<ProvinceFigures> yesterday,
            List<ProvinceFigures> lastWeek, Metric metric, String region, String cluster,
            ToIntFunction<UUID> nameOrder) {
        // a movement is a movement in the standings by submissions; any other metric moves in its own standings
        Metric moving = metric.isMovement() ? Metric.SUBMISSIONS : metric;
        ToIntFunction<ProvinceFigures> name = f -> nameOrder.applyAsInt(f.provinceId());
        List<Ranking.Ranked<ProvinceFigures>> byMoving = rankOn(today, moving::rankValue, name);
        Map<UUID, Integer> movingRanks = ranks(byMoving);
        Map<UUID, Integer> sinceYesterday = movements(movingRanks, yesterday, moving, name);
        Map<UUID, Integer> sinceLastWeek = movements(movingRanks, lastWeek, moving, name);
        ToDoubleFunction<ProvinceFigures> key = switch (metric) {
            case MOVEMENT_SINCE_YESTERDAY -> f -> orLowest(sinceYesterday.get(f.provinceId()));
            case MOVEMENT_SINCE_LAST_WEEK -> f -> orLowest(sinceLastWeek.get(f.provinceId()));
            default -> metric::rankValue;
        };
        // ranked on the metric already, unless it is a movement
        List<Ranking.Ranked<ProvinceFigures>> national = metric.isMovement() ? rankOn(today, key, name) : byMoving;
        Map<String, Map<UUID, Integer>> regionRanks = ranksWithin(today, ProvinceFigures::regions, key, name);
        Map<String, Map<UUID, Integer>> clusterRanks = ranksWithin(today, ProvinceFigures::clusters, key, name);
        return national.stream().map(r -> {
            ProvinceFigures f = r.item();
            String shownRegion = shown(f.regions(), region);
            String shownCluster = shown(f.clusters(), cluster);
            return new StandingRow(r.rank(), rankIn(regionRanks, shownRegion, f),
                    rankIn(clusterRanks, shownCluster, f),
                    f.provinceId(), f.code(), f.name(), f.shortName(), shownRegion, shownCluster, f.regions(),
                    f.clusters(), f.submissions(), f.submitters(), f.recognized(), f.target(), f.targetPercent(),
                    f.memberCount(), f.perThousandMembers(), f.thisWeek(), f.today(),
                    sinceYesterday.get(f.provinceId()), sinceLastWeek.get(f.provinceId()));
        }).toList();
    }

    /** Places gained since {@code earlier} (null: no snapshot, no movements); a province absent then has none. */
    private static Map<UUID, Integer> movements(Map<UUID, Integer> ranks, List<ProvinceFigures> earlier,
            Metric metric, ToIntFunction<ProvinceFigures> name) {
        if (earlier == null) {
            return Map.of();
        }
        Map<UUID, Integer> before = ranks(rankOn(earlier, metric::rankValue, name));
        Map<UUID, Integer> movements = new HashMap<>();
        ranks.forEach((province, rank) -> {
            Integer movement = StandingsMath.movement(before.get(province), rank);
            if (movement != null) {
                movements.put(province, movement);
            }
        });
        return movements;
    }

    /** Each province's place among the short names of all the figures, in {@link VietnameseOrder}. */
    private static ToIntFunction<UUID> nameOrder(List<ProvinceFigures> today, List<ProvinceFigures> yesterday,
            List<ProvinceFigures> lastWeek) {
        Map<UUID, String> names = new HashMap<>();
        for (List<ProvinceFigures> figures : Arrays.asList(lastWeek, yesterday, today)) {
            if (figures != null) {
                figures.forEach(f -> names.put(f.provinceId(), f.shortName()));
            }
        }
        return order(names);
    }

    /** The place of each id's name among all of them, in {@link VietnameseOrder}; ids not given come last. */
    public static ToIntFunction<UUID> order(Map<UUID, String> names) {
        List<Map.Entry<UUID, CollationKey>> keyed = new ArrayList<>(names.size());
        names.forEach((id, name) -> keyed.add(Map.entry(id, VietnameseOrder.key(name))));
        keyed.sort(Map.Entry.comparingByValue());
        Map<UUID, Integer> order = new HashMap<>(keyed.size() * 2);
        for (int i = 0; i < keyed.size(); i++) {
            order.put(keyed.get(i).getKey(), i);
        }
        return id -> order.getOrDefault(id, Integer.MAX_VALUE);
    }

    /** A province without a movement ranks below every one with one. */
    private static double orLowest(Integer movement) {
        return movement == null ? Double.NEGATIVE_INFINITY : movement;
    }

    /** National ranks on submissions, the rank a snapshot keeps. */
    public static Map<UUID, Integer> submissionRanks(List<ProvinceFigures> figures) {
        ToIntFunction<UUID> order = nameOrder(figures, null, null);
        return ranks(rankOn(figures, Metric.SUBMISSIONS::rankValue, f -> order.applyAsInt(f.provinceId())));
    }

    private static List<Ranking.Ranked<ProvinceFigures>> rankOn(List<ProvinceFigures> figures,
            ToDoubleFunction<ProvinceFigures> key, ToIntFunction<ProvinceFigures> name) {
        return Ranking.rankByOrder(figures, key, name);
    }

    /** The grouping whose rank a row shows: the one asked for when the province is in it, else its first. */
    private static String shown(List<String> groupings, String asked) {
        if (asked != null && groupings.contains(asked)) {
            return asked;
        }
        return groupings.isEmpty() ? null : groupings.get(0);
    }

    private static Integer rankIn(Map<String, Map<UUID, Integer>> ranks, String grouping, ProvinceFigures f) {
        return grouping == null ? null : ranks.get(grouping).get(f.provinceId());
    }

    /** Per grouping code, the ranks among all its members: a province in several groupings is ranked in each. */
    private static Map<String, Map<UUID, Integer>> ranksWithin(List<ProvinceFigures> figures,
            Function<ProvinceFigures, List<String>> groupings, ToDoubleFunction<ProvinceFigures> key,
            ToIntFunction<ProvinceFigures> name) {
        Map<String, List<ProvinceFigures>> members = new HashMap<>();
        figures.forEach(f -> groupings.apply(f).forEach(
                code -> members.computeIfAbsent(code, k -> new ArrayList<>()).add(f)));
        Map<String, Map<UUID, Integer>> ranks = new HashMap<>();
        members.forEach((code, list) -> ranks.put(code, ranks(rankOn(list, key, name))));
        return ranks;
    }

    private static Map<UUID, Integer> ranks(List<Ranking.Ranked<ProvinceFigures>> ranked) {
        Map<UUID, Integer> ranks = new HashMap<>();
        ranked.forEach(r -> ranks.put(Objects.requireNonNull(r.item().provinceId()), r.rank()));
        return ranks;
    }
}
