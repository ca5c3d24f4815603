package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * A figure the standings can be ranked by; {@link #param} is its name in the API. The two movements rank the biggest
 * climbers first: places gained in the standings by submissions since the day before or seven days before.
 */
public enum Metric {
    SUBMISSIONS("submissions"),
    SUBMITTERS("submitters"),
    RECOGNIZED("recognized"),
    TARGET_PERCENT("targetPercent"),
    PER_THOUSAND_MEMBERS("perThousandMembers"),
    THIS_WEEK("thisWeek"),
    TODAY("today"),
    MOVEMENT_SINCE_YESTERDAY("movementSinceYesterday"),
    MOVEMENT_SINCE_LAST_WEEK("movementSinceLastWeek");

    private final String param;

    Metric(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    /** Whether this ranks by movement in the standings by submissions rather than by a figure of the province. */
    public boolean isMovement() {
        return this == MOVEMENT_SINCE_YESTERDAY || this == MOVEMENT_SINCE_LAST_WEEK;
    }

    /**
     * The figure ranked on; a missing figure (no target, no member count) ranks below every known one. Not for a
     * movement, which depends on the other provinces.
     */
    public double rankValue(ProvinceFigures figures) {
        return rankValue(figures.submissions(), figures.submitters(), figures.recognized(), figures.target(),
                figures.memberCount(), figures.thisWeek(), figures.today());
    }

    /** As {@link #rankValue(ProvinceFigures)}, of figures given one by one, as rows counted in arrays hold them. */
    public double rankValue(long submissions, long submitters, long recognized, Long target, Integer memberCount,
            long thisWeek, long today) {
        return switch (this) {
            case SUBMISSIONS -> submissions;
            case SUBMITTERS -> submitters;
            case RECOGNIZED -> recognized;
            case TARGET_PERCENT -> orLowest(StandingsMath.percent(submissions, target));
            case PER_THOUSAND_MEMBERS -> orLowest(StandingsMath.perThousand(submissions, memberCount));
            case THIS_WEEK -> thisWeek;
            case TODAY -> today;
            case MOVEMENT_SINCE_YESTERDAY, MOVEMENT_SINCE_LAST_WEEK -> throw new IllegalStateException(param
                    + " is a movement, not a figure of one province");
        };
    }

    private static double orLowest(BigDecimal figure) {
        return figure == null ? Double.NEGATIVE_INFINITY : figure.doubleValue();
    }

    public static Optional<Metric> fromParam(String param) {
        return Arrays.stream(values()).filter(m -> m.param.equals(param)).findFirst();
    }

    public static String params() {
        return String.join(", ", Arrays.stream(values()).map(Metric::param).toList());
    }
}
