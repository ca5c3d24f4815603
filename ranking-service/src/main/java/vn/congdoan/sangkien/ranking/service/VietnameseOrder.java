package vn.congdoan.sangkien.ranking.service;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.ibm.icu.text.CollationKey;
import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;

/**
 * The alphabetical order of Vietnamese names, as the Unicode CLDR defines it for Vietnamese: letter by letter in the
 * Vietnamese alphabet (a ă â b c d đ e ê …), word by word, tone marks deciding only between otherwise equal names.
 * ICU4J rather than the JDK's Collator: the JDK's ignores spaces, so it puts "Bạc Liêu" before "Bà Rịa - Vũng Tàu"
 * and "Hải Dương" before "Hà Nam".
 */
public final class VietnameseOrder {

    /** Frozen, so one instance serves every thread. */
    private static final Collator COLLATOR = Collator.getInstance(ULocale.forLanguageTag("vi")).freeze();

    public static final Comparator<String> NAMES = COLLATOR::compare;

    /** A name's sort key: comparing two keys orders as {@link #NAMES} does, without collating the names each time. */
    public static CollationKey key(String name) {
        return COLLATOR.getCollationKey(name);
    }

    /**
     * Each name's place among {@code names} in this order, by index: what the standings break ties by, found once for
     * many rankings of the same names. Equal names take consecutive places in the order given.
     */
    public static int[] places(List<String> names) {
        CollationKey[] keys = new CollationKey[names.size()];
        Integer[] byName = new Integer[names.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(names.get(i));
            byName[i] = i;
        }
        Arrays.sort(byName, Comparator.comparing((Integer i) -> keys[i]));
        int[] places = new int[keys.length];
        for (int p = 0; p < places.length; p++) {
            places[byName[p]] = p;
        }
        return places;
    }

    private VietnameseOrder() {
    }
}
