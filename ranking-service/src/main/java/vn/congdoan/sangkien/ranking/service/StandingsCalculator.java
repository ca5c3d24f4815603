package vn.congdoan.sangkien.ranking.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the figures of one day, and those of the day before and a week before, into ranked standings. */
public final class StandingsCalculator {

    private StandingsCalculator() {
    }

    /**
     * @param yesterday the figures of the previous day's snapshot; null when there is none
     * @param lastWeek  the figures of the snapshot seven days earlier; null when there is none
     * @return every province in national rank order on {@code metric}
     */
    public static List<StandingRow> rank(List<ProvinceFigures> today, List<ProvinceFigures> yesterday,
            List<ProvinceFigures> lastWeek, Metric metric) {
        List<Ranking.Ranked<ProvinceFigures>> national = rankOn(today, metric);
        Map<UUID, Integer> regionRanks = ranksWithin(today, ProvinceFigures::region, metric);
        Map<UUID, Integer> clusterRanks = ranksWithin(today, ProvinceFigures::cluster, metric);
        Map<UUID, Integer> yesterdayRanks = yesterday == null ? Map.of() : ranks(rankOn(yesterday, metric));
        Map<UUID, Integer> lastWeekRanks = lastWeek == null ? Map.of() : ranks(rankOn(lastWeek, metric));
        return national.stream().map(r -> {
            ProvinceFigures f = r.item();
            return new StandingRow(r.rank(), regionRanks.get(f.provinceId()), clusterRanks.get(f.provinceId()),
                    f.provinceId(), f.code(), f.name(), f.shortName(), f.region(), f.cluster(), f.submissions(),
                    f.submitters(), f.recognized(), f.target(), f.targetPercent(), f.memberCount(),
                    f.perThousandMembers(), f.thisWeek(), f.today(),
                    StandingsMath.movement(yesterdayRanks.get(f.provinceId()), r.rank()),
                    StandingsMath.movement(lastWeekRanks.get(f.provinceId()), r.rank()));
        }).toList();
    }

    /** National ranks on submissions, the rank a snapshot keeps. */
    public static Map<UUID, Integer> submissionRanks(List<ProvinceFigures> figures) {
        return ranks(rankOn(figures, Metric.SUBMISSIONS));
    }

    private static List<Ranking.Ranked<ProvinceFigures>> rankOn(List<ProvinceFigures> figures, Metric metric) {
        return Ranking.rank(figures, metric::rankValue, ProvinceFigures::shortName);
    }

    private static Map<UUID, Integer> ranksWithin(List<ProvinceFigures> figures,
            Function<ProvinceFigures, String> group, Metric metric) {
        Map<UUID, Integer> ranks = new HashMap<>();
        figures.stream().filter(f -> group.apply(f) != null)
                .collect(Collectors.groupingBy(group))
                .values()
                .forEach(members -> ranks.putAll(ranks(rankOn(members, metric))));
        return ranks;
    }

    private static Map<UUID, Integer> ranks(List<Ranking.Ranked<ProvinceFigures>> ranked) {
        Map<UUID, Integer> ranks = new HashMap<>();
        ranked.forEach(r -> ranks.put(Objects.requireNonNull(r.item().provinceId()), r.rank()));
        return ranks;
    }
}
