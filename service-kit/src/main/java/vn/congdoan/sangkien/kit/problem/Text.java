package vn.congdoan.sangkien.kit.problem;

import java.util.List;
import java.util.Locale;

/**
 * A text of the API in its two languages: Vietnamese for the programme's users, English for everyone else. Answers
 * pick one by {@code Accept-Language} ({@link #vietnamese(List)}); a rule of the API cannot be written in one only.
 */
public record Text(String en, String vi) {

    public static Text of(String en, String vi) {
        return new Text(en, vi);
    }

    public String in(boolean vietnamese) {
        return vietnamese ? vi : en;
    }

    /** This text followed by another, as one sentence after the other. */
    public Text then(Text more) {
        return new Text(en + more.en, vi + more.vi);
    }

    /**
     * Whether a client that accepts these languages (most preferred first, as {@code Accept-Language} lists them)
     * reads Vietnamese: the first of them the API speaks decides, English when none is.
     */
    public static boolean vietnamese(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            String language = locale.getLanguage();
            if ("vi".equals(language)) {
                return true;
            }
            if ("en".equals(language) || "*".equals(language)) {
                return false;
            }
        }
        return false;
    }

    /** {@link #vietnamese(List)} for the raw header, where no JAX-RS request is at hand yet. */
    public static boolean vietnamese(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return false;
        }
        try {
            return vietnamese(Locale.LanguageRange.parse(acceptLanguage).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> Locale.forLanguageTag(range.getRange().equals("*") ? "und" : range.getRange()))
                    .toList());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
