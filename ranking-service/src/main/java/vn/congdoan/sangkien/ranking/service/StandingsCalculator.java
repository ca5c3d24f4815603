package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

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
        // a movement is a movement in the standings by submissions; any other metric moves in its own standings
        Metric moving = metric.isMovement() ? Metric.SUBMISSIONS : metric;
        // each province's sort key once for the four rankings: collating a name costs more than ranking its row
        Map<UUID, CollationKey> keys = new HashMap<>();
        Function<ProvinceFigures, CollationKey> name = f -> keys.computeIfAbsent(f.provinceId(),
                id -> VietnameseOrder.key(f.shortName()));
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
            Metric metric, Function<ProvinceFigures, CollationKey> name) {
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

    /** A province without a movement ranks below every one with one. */
    private static double orLowest(Integer movement) {
        return movement == null ? Double.NEGATIVE_INFINITY : movement;
    }

    /** National ranks on submissions, the rank a snapshot keeps. */
    public static Map<UUID, Integer> submissionRanks(List<ProvinceFigures> figures) {
        return ranks(rankOn(figures, Metric.SUBMISSIONS::rankValue, f -> VietnameseOrder.key(f.shortName())));
    }

    private static List<Ranking.Ranked<ProvinceFigures>> rankOn(List<ProvinceFigures> figures,
            ToDoubleFunction<ProvinceFigures> key, Function<ProvinceFigures, CollationKey> name) {
        return Ranking.rankByKey(figures, key, name);
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
            Function<ProvinceFigures, CollationKey> name) {
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
