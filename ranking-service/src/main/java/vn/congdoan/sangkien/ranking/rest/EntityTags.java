package vn.congdoan.sangkien.ranking.rest;

/**
 * If-None-Match read as RFC 9110 asks (13.1.2): {@code *}, or a list of entity tags compared with the weak
 * comparison (8.8.3.2), so that {@code W/"x"} matches {@code "x"}. A proxy that compresses an answer may weaken its
 * tag, and its clients then send the weak one back.
 */
final class EntityTags {

    private EntityTags() {
    }

    /**
     * @param ifNoneMatch the header's value
     * @param opaque      the current entity tag, without quotes
     * @return whether the header names the current representation
     */
    static boolean noneMatchNames(String ifNoneMatch, String opaque) {
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (header.startsWith("W/", i)) {
                i += 2;
            }
            int end;
            String tag;
            if (i < header.length() && header.charAt(i) == '"') {
                end = header.indexOf('"', i + 1);
                if (end < 0) {
                    return false;
                }
                tag = header.substring(i + 1, end);
                end++;
            } else {
                // a tag sent without its quotes: read up to the next comma, as lenient servers do
                end = header.indexOf(',', i);
                end = end < 0 ? header.length() : end;
                tag = header.substring(i, end).strip();
            }
            if (tag.equals(opaque)) {
                return true;
            }
            i = end;
        }
        return false;
    }
}
