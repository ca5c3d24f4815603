package vn.congdoan.sangkien.ranking.service;

import java.util.List;

/** Display names of provincial federations. */
public final class ProvinceNames {

    private static final List<String> PREFIXES = List.of("Liên đoàn Lao động tỉnh ", "Liên đoàn Lao động thành phố ",
            "Liên đoàn Lao động ");

    private ProvinceNames() {
    }

    /** "Liên đoàn Lao động tỉnh Hà Tĩnh" → "Hà Tĩnh"; the name a dashboard shows and ties are ordered by. */
    public static String shortName(String name) {
        // most names below a province start otherwise, and the standings ask for thousands of them at a time
        if (name.isEmpty() || Character.toLowerCase(name.charAt(0)) != 'l') {
            return name;
        }
        for (String prefix : PREFIXES) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length()) && name.length() > prefix.length()) {
                return name.substring(prefix.length()).strip();
            }
        }
        return name;
    }
}
