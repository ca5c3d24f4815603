package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One province's line in the standings.
 *
 * @param rank                   national rank on the chosen metric (standard competition ranking)
 * @param regionRank             rank on the same metric among the provinces of {@code region}
 * @param clusterRank            rank on the same metric among the provinces of {@code cluster}
 * @param region                 the region asked for, or else the first of {@code regions}
 * @param cluster                the emulation cluster asked for, or else the first of {@code clusters}
 * @param regions                every region the province belongs to that day
 * @param clusters               every emulation cluster the province belongs to that day
 * @param targetPercent          submissions as a percentage of the current phase target; null without a target
 * @param perThousandMembers     submissions per 1,000 members; null when the member count is unknown
 * @param movementSinceYesterday places gained since the previous day's snapshot (negative = fell); null without one
 * @param movementSinceLastWeek  places gained since the snapshot of seven days earlier; null without one
 */
public record StandingRow(int rank, Integer regionRank, Integer clusterRank, UUID provinceId, String code,
        String name, String shortName, String region, String cluster, List<String> regions, List<String> clusters,
        long submissions, long submitters, long recognized, Long target, BigDecimal targetPercent, Integer memberCount,
        BigDecimal perThousandMembers, long thisWeek, long today, Integer movementSinceYesterday, Integer movementSinceLastWeek) {
}
