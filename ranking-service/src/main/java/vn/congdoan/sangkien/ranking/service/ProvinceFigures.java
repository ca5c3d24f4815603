package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What the standings know about one province on one day, before ranking.
 *
 * @param target   the province's target in the programme's current phase; null when it has none
 * @param region   code of the region it belongs to that day; null when none
 * @param cluster  code of the emulation cluster it belongs to that day; null when none
 */
public record ProvinceFigures(UUID provinceId, String code, String name, Integer memberCount, long submissions,
        long submitters, long recognized, Long target, long thisWeek, long today, String region, String cluster) {

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
