package vn.congdoan.sangkien.ranking.rest;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Figures written as Vietnamese readers write them: 31.035 submissions, 446,2 % of the target. */
final class VietnameseFormat {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi"));
    private static final String NO_BREAK_SPACE = "\u00a0";

    private VietnameseFormat() {
    }

    static String count(long value) {
        return new DecimalFormat("#,##0", SYMBOLS).format(value);
    }

    /** One decimal and a percent sign; a dash when there is no figure (no target, no member count). */
    static String percent(BigDecimal value) {
        return value == null ? "–" : decimal(value) + NO_BREAK_SPACE + "%";
    }

    static String decimal(BigDecimal value) {
        return value == null ? "–" : new DecimalFormat("#,##0.0", SYMBOLS).format(value);
    }

    /** Places gained (▲ 2) or lost (▼ 1), a dash without an earlier rank, 0 when none. */
    static String movement(Integer places) {
        if (places == null) {
            return "–";
        }
        return places > 0 ? "▲" + NO_BREAK_SPACE + places : places < 0 ? "▼" + NO_BREAK_SPACE + -places : "0";
    }
}
