package vn.congdoan.sangkien.kit.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110, section 5.6.7). Senders write the IMF-fixdate, whose day has two digits
 * ({@code Sun, 06 Dec 2026 18:27:11 GMT}); recipients also read the obsolete RFC 850 and asctime forms, and a day
 * written with one digit, as {@link DateTimeFormatter#RFC_1123_DATE_TIME} writes it.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern IMF = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{1,2}) (" + MONTHS + ") (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC_850 = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(" + MONTHS + ")-(\\d{2}) "
                    + TIME + " GMT");
    private static final Pattern ASCTIME = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (" + MONTHS + ") ([ \\d]\\d) " + TIME + " (\\d{4})");

    private HttpDates() {
    }

    /** The IMF-fixdate of an instant, to the second. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * @param value a header's value
     * @return the instant it names, or null when absent or not an HTTP date (RFC 9110 asks recipients to ignore an
     *         invalid If-Modified-Since)
     */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        try {
            Matcher m = IMF.matcher(text);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m, 4);
            }
            m = RFC_850.matcher(text);
            if (m.matches()) {
                return at(centuryOf(Integer.parseInt(m.group(3))), m.group(2), m.group(1), m, 4);
            }
            m = ASCTIME.matcher(text);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(), m, 3);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** RFC 9110: a two-digit year that would lie more than 50 years ahead is of the century before. */
    private static int centuryOf(int twoDigits) {
        int year = 2000 + twoDigits;
        int thisYear = LocalDateTime.now(ZoneOffset.UTC).getYear();
        return year > thisYear + 50 ? year - 100 : year;
    }

    private static Instant at(int year, String month, String day, Matcher m, int timeGroup) {
        int monthNumber = MONTHS.indexOf(month) / 4 + 1;
        return LocalDateTime.of(year, monthNumber, Integer.parseInt(day), Integer.parseInt(m.group(timeGroup)),
                Integer.parseInt(m.group(timeGroup + 1)), Integer.parseInt(m.group(timeGroup + 2)))
                .toInstant(ZoneOffset.UTC);
    }
}
