package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A figure the standings can be ranked by; {@link #param} is its name in the API. The two movements rank the biggest
 * climbers first: places gained in the standings by submissions since the day before or seven days before.
 */
public enum Metric {
    SUBMISSIONS("submissions", f -> BigDecimal.valueOf(f.submissions())),
    SUBMITTERS("submitters", f -> BigDecimal.valueOf(f.submitters())),
    RECOGNIZED("recognized", f -> BigDecimal.valueOf(f.recognized())),
    TARGET_PERCENT("targetPercent", ProvinceFigures::targetPercent),
    PER_THOUSAND_MEMBERS("perThousandMembers", ProvinceFigures::perThousandMembers),
    THIS_WEEK("thisWeek", f -> BigDecimal.valueOf(f.thisWeek())),
    TODAY("today", f -> BigDecimal.valueOf(f.today())),
    MOVEMENT_SINCE_YESTERDAY("movementSinceYesterday", null),
    MOVEMENT_SINCE_LAST_WEEK("movementSinceLastWeek", null);

    private final String param;
    private final Function<ProvinceFigures, BigDecimal> value;

    Metric(String param, Function<ProvinceFigures, BigDecimal> value) {
        this.param = param;
        this.value = value;
    }

    public String param() {
        return param;
    }

    /** Whether this ranks by movement in the standings by submissions rather than by a figure of the province. */
    public boolean isMovement() {
        return value == null;
    }

    /**
     * The figure ranked on; a missing figure (no target, no member count) ranks below every known one. Not for a
     * movement, which depends on the other provinces.
     */
    public double rankValue(ProvinceFigures figures) {
        if (isMovement()) {
            throw new IllegalStateException(param + " is a movement, not a figure of one province");
        }
        BigDecimal v = value.apply(figures);
        return v == null ? Double.NEGATIVE_INFINITY : v.doubleValue();
    }

    public static Optional<Metric> fromParam(String param) {
        return Arrays.stream(values()).filter(m -> m.param.equals(param)).findFirst();
    }

    public static String params() {
        return String.join(", ", Arrays.stream(values()).map(Metric::param).toList());
    }
}
