package vn.congdoan.sangkien.orgunit.repository;

import java.text.Normalizer;
import java.util.Locale;

/** The Java twin of the SQL function {@code vn_fold}: lower case, no tone or vowel marks, đ as d. */
public final class VietnameseText {

    private VietnameseText() {
    }

    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replace('đ', 'd').replace('Đ', 'd').toLowerCase(Locale.ROOT).strip();
    }
}
