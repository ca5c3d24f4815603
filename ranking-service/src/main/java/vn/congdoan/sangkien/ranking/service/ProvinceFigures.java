package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What the standings know about one province on one day, before ranking.
 *
 * @param target   the province's target in the programme's current phase; null when it has none
 * @param regions  codes of the regions it belongs to that day, in code order; empty when none
 * @param clusters codes of the emulation clusters it belongs to that day, in code order; empty when none
 */
public record ProvinceFigures(UUID provinceId, String code, String name, Integer memberCount, long submissions,
        long submitters, long recognized, Long target, long thisWeek, long today, List<String> regions,
        List<String> clusters) {

    public ProvinceFigures {
        regions = regions == null ? List.of() : List.copyOf(regions);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    public String shortName() {
        return ProvinceNames.shortName(name);
    }

    public BigDecimal targetPercent() {
        return StandingsMath.percent(submissions, target);
    }

    public BigDecimal perThousandMembers() {
        return StandingsMath.perThousand(submissions, memberCount);
    }

    public boolean reachedTarget() {
        return target != null && target > 0 && submissions >= target;
    }
}
