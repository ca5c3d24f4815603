package vn.congdoan.sangkien.ranking.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;

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
        ToIntFunction<UUID> nameOrder = nameOrder(today, yesterday, lastWeek);
        int n = today.size();
        Map<UUID, Integer> index = new HashMap<>(n * 2);
        int[] names = new int[n];
        for (int i = 0; i < n; i++) {
            index.put(today.get(i).provinceId(), i);
            names[i] = nameOrder.applyAsInt(today.get(i).provinceId());
        }
        Metric moving = moving(metric);
        return rank(today, names, metric, region, cluster, earlierRanks(n, index, yesterday, moving, nameOrder),
                earlierRanks(n, index, lastWeek, moving, nameOrder));
    }

    /**
     * The order of rows, their ranks and movements, for rows without regions or clusters given by the values of the
     * moving metric (the metric, or submissions for a movement) in the same order on the three days, with each
     * row's place among the names in {@link VietnameseOrder}: a caller that ranks the same rows again and again
     * finds those places once, and one that shows a page of thousands of rows makes only that page's rows.
     *
     * @param yesterday the values of the day before; null when there is no snapshot
     * @param lastWeek  the values seven days before; null when there is none
     */
    static Placed rankValues(double[] today, double[] yesterday, double[] lastWeek, Metric metric, int[] names) {
        return place(today, names, metric, yesterday == null ? null : Ranking.rank(yesterday, names).rank(),
                lastWeek == null ? null : Ranking.rank(lastWeek, names).rank());
    }

    /**
     * Rows in rank order and their movements.
     *
     * @param ranks          the order and each row's rank on the metric asked for
     * @param key            per row, the value ranked on
     * @param sinceYesterday per row, places gained on the moving metric since the day before; null entries: none
     * @param sinceLastWeek  the same since seven days before
     */
    record Placed(Ranking.Ranks ranks, double[] key, Integer[] sinceYesterday, Integer[] sinceLastWeek) {
    }

    private static Placed place(double[] moving, int[] names, Metric metric, int[] yesterdayRanks,
            int[] lastWeekRanks) {
        Ranking.Ranks byMoving = Ranking.rank(moving, names);
        Integer[] sinceYesterday = movements(byMoving.rank(), yesterdayRanks);
        Integer[] sinceLastWeek = movements(byMoving.rank(), lastWeekRanks);
        if (!metric.isMovement()) {
            return new Placed(byMoving, moving, sinceYesterday, sinceLastWeek);
        }
        Integer[] movements = metric == Metric.MOVEMENT_SINCE_YESTERDAY ? sinceYesterday : sinceLastWeek;
        double[] key = new double[moving.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = orLowest(movements[i]);
        }
        return new Placed(Ranking.rank(key, names), key, sinceYesterday, sinceLastWeek);
    }

    /** A movement is a movement in the standings by submissions; any other metric moves in its own standings. */
    static Metric moving(Metric metric) {
        return metric.isMovement() ? Metric.SUBMISSIONS : metric;
    }

    /**
     * @param yesterdayRanks per index of {@code today}, its rank on the moving metric the day before (0: none then);
     *                       null when there is no snapshot
     * @param lastWeekRanks  the same, seven days before
     */
    private static List<StandingRow> rank(List<ProvinceFigures> today, int[] names, Metric metric, String region,
            String cluster, int[] yesterdayRanks, int[] lastWeekRanks) {
        int n = today.size();
        double[] movingValues = new double[n];
        Metric moving = moving(metric);
        for (int i = 0; i < n; i++) {
            movingValues[i] = moving.rankValue(today.get(i));
        }
        Placed placed = place(movingValues, names, metric, yesterdayRanks, lastWeekRanks);
        Map<String, Map<UUID, Integer>> regionRanks = ranksWithin(today, ProvinceFigures::regions, placed.key(),
                names);
        Map<String, Map<UUID, Integer>> clusterRanks = ranksWithin(today, ProvinceFigures::clusters, placed.key(),
                names);
        List<StandingRow> rows = new ArrayList<>(n);
        for (int i : placed.ranks().order()) {
            ProvinceFigures f = today.get(i);
            String shownRegion = shown(f.regions(), region);
            String shownCluster = shown(f.clusters(), cluster);
            rows.add(new StandingRow(placed.ranks().rank()[i], rankIn(regionRanks, shownRegion, f),
                    rankIn(clusterRanks, shownCluster, f),
                    f.provinceId(), f.code(), f.name(), f.shortName(), shownRegion, shownCluster, f.regions(),
                    f.clusters(), f.submissions(), f.submitters(), f.recognized(), f.target(), f.targetPercent(),
                    f.memberCount(), f.perThousandMembers(), f.thisWeek(), f.today(), placed.sinceYesterday()[i],
                    placed.sinceLastWeek()[i]));
        }
        return rows;
    }

    /** The ranks of rows given in the same order as those whose {@code names} are given; null for null. */
    private static int[] ranks(List<ProvinceFigures> figures, Metric metric, int[] names) {
        if (figures == null) {
            return null;
        }
        double[] values = new double[figures.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metric.rankValue(figures.get(i));
        }
        return Ranking.rank(values, names).rank();
    }

    /**
     * The ranks among {@code earlier}, by index in today's {@code n} figures ({@code index}): 0 for a province absent
     * then; null when there is no snapshot.
     */
    private static int[] earlierRanks(int n, Map<UUID, Integer> index, List<ProvinceFigures> earlier,
            Metric metric, ToIntFunction<UUID> nameOrder) {
        if (earlier == null) {
            return null;
        }
        int[] names = new int[earlier.size()];
        for (int j = 0; j < names.length; j++) {
            names[j] = nameOrder.applyAsInt(earlier.get(j).provinceId());
        }
        int[] ranks = ranks(earlier, metric, names);
        int[] aligned = new int[n];
        for (int j = 0; j < ranks.length; j++) {
            Integer i = index.get(earlier.get(j).provinceId());
            if (i != null) {
                aligned[i] = ranks[j];
            }
        }
        return aligned;
    }

    /** Places gained since the earlier ranks (null: no snapshot, no movements); a row absent then has none. */
    private static Integer[] movements(int[] ranks, int[] before) {
        Integer[] movements = new Integer[ranks.length];
        if (before != null) {
            for (int i = 0; i < ranks.length; i++) {
                if (before[i] != 0) {
                    movements[i] = StandingsMath.movement(before[i], ranks[i]);
                }
            }
        }
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
    private static ToIntFunction<UUID> order(Map<UUID, String> names) {
        List<UUID> ids = new ArrayList<>(names.keySet());
        int[] places = VietnameseOrder.places(ids.stream().map(names::get).toList());
        Map<UUID, Integer> order = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < places.length; i++) {
            order.put(ids.get(i), places[i]);
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
        int[] names = new int[figures.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = order.applyAsInt(figures.get(i).provinceId());
        }
        return byId(figures, ranks(figures, Metric.SUBMISSIONS, names));
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
            Function<ProvinceFigures, List<String>> groupings, double[] key, int[] names) {
        Map<String, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < figures.size(); i++) {
            for (String code : groupings.apply(figures.get(i))) {
                members.computeIfAbsent(code, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Map<UUID, Integer>> ranks = new HashMap<>();
        members.forEach((code, list) -> {
            double[] values = new double[list.size()];
            int[] places = new int[list.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = key[list.get(j)];
                places[j] = names[list.get(j)];
            }
            ranks.put(code, byId(list.stream().map(figures::get).toList(), Ranking.rank(values, places).rank()));
        });
        return ranks;
    }

    /** Each province's rank by its id, the ranks given by index. */
    private static Map<UUID, Integer> byId(List<ProvinceFigures> figures, int[] rank) {
        Map<UUID, Integer> ranks = new HashMap<>(figures.size() * 2);
        for (int i = 0; i < rank.length; i++) {
            ranks.put(Objects.requireNonNull(figures.get(i).provinceId()), rank[i]);
        }
        return ranks;
    }
}
