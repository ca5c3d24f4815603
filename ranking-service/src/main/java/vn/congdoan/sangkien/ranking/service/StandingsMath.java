package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The arithmetic of the standings, in one place so that every figure is rounded the same way. */
public final class StandingsMath {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private StandingsMath() {
    }

    /** {@code part} as a percentage of {@code whole} with one decimal (13,386 of 3,000 → 446.2); null without a whole. */
    public static BigDecimal percent(long part, Long whole) {
        if (whole == null || whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** Submissions per 1,000 members with one decimal; null when the member count is unknown. */
    public static BigDecimal perThousand(long submissions, Integer members) {
        if (members == null || members <= 0) {
            return null;
        }
        return BigDecimal.valueOf(submissions).multiply(THOUSAND)
                .divide(BigDecimal.valueOf(members), 1, RoundingMode.HALF_UP);
    }

    /** Places gained since an earlier rank (positive = moved up); null when there was no earlier rank. */
    public static Integer movement(Integer earlierRank, int rank) {
        return earlierRank == null ? null : earlierRank - rank;
    }

    /** The Monday that starts the week of {@code day}. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Days of the programme elapsed on {@code today}, counting the first day and today (2021-09-01 to 2022-04-15 →
     * 227), never below 0 nor above the programme's length.
     */
    public static long daysElapsed(LocalDate start, LocalDate end, LocalDate today) {
        if (today.isBefore(start)) {
            return 0;
        }
        long elapsed = ChronoUnit.DAYS.between(start, today) + 1;
        return end == null ? elapsed : Math.min(elapsed, totalDays(start, end));
    }

    /** Days of the programme still to come after {@code today}; null for a programme without an end. */
    public static Long daysRemaining(LocalDate start, LocalDate end, LocalDate today) {
        if (end == null) {
            return null;
        }
        return totalDays(start, end) - daysElapsed(start, end, today);
    }

    private static long totalDays(LocalDate start, LocalDate end) {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }
}
