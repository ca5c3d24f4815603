package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A figure the standings can be ranked by; {@link #param} is its name in the API. The two movements rank the biggest
 * climbers first: places gained in the standings by submissions since the day before or seven days before.
 */
public enum Metric {
    SUBMISSIONS("submissions", ProvinceFigures::submissions),
    SUBMITTERS("submitters", ProvinceFigures::submitters),
    RECOGNIZED("recognized", ProvinceFigures::recognized),
    TARGET_PERCENT("targetPercent", f -> orLowest(f.targetPercent())),
    PER_THOUSAND_MEMBERS("perThousandMembers", f -> orLowest(f.perThousandMembers())),
    THIS_WEEK("thisWeek", ProvinceFigures::thisWeek),
    TODAY("today", ProvinceFigures::today),
    MOVEMENT_SINCE_YESTERDAY("movementSinceYesterday", null),
    MOVEMENT_SINCE_LAST_WEEK("movementSinceLastWeek", null);

    private final String param;
    private final ToDoubleFunction<ProvinceFigures> value;

    Metric(String param, ToDoubleFunction<ProvinceFigures> value) {
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
        return value.applyAsDouble(figures);
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
