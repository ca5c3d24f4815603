package vn.congdoan.sangkien.kit.rest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Query parameters read by hand, the same way in every service: JAX-RS answers 404 for a parameter it cannot convert,
 * and clients deserve a 400 that names the parameter. A blank parameter is an absent one.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The text of a parameter, stripped; null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One constant of {@code type}, by its name; null when absent. */
    public static <E extends Enum<E>> E enumValue(String name, Class<E> type, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            String values = Arrays.toString(type.getEnumConstants());
            throw ProblemException.badRequest(name, Text.of("must be one of " + values + ", was '" + value + "'",
                    "phải là một trong " + values + ", nhận được '" + value + "'")).allowed(type);
        }
    }

    /** Values of a parameter given several times, comma-separated, or both: {@code status=A,B&status=C}. */
    public static <E extends Enum<E>> Set<E> enums(String name, Class<E> type, List<String> values) {
        Set<E> result = EnumSet.noneOf(type);
        for (String part : parts(values)) {
            try {
                result.add(Enum.valueOf(type, part));
            } catch (IllegalArgumentException e) {
                String allowed = Arrays.toString(type.getEnumConstants());
                throw ProblemException.badRequest(name, Text.of("must be one or more of " + allowed + ", was '"
                        + part + "'", "phải là một hoặc nhiều giá trị trong " + allowed + ", nhận được '" + part
                        + "'")).allowed(type);
            }
        }
        return result;
    }

    /** The values of a parameter given several times, comma-separated, or both, stripped, blanks left out. */
    private static List<String> parts(List<String> values) {
        List<String> parts = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
        }
        return parts;
    }

    /** A page size from 1 to {@code max}; {@code defaultLimit} when absent. */
    public static int limit(String value, int defaultLimit, int max) {
        String text = text(value);
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", Text.of("must be a whole number from 1 to " + max + ", was '"
                + value + "'", "phải là số nguyên từ 1 đến " + max + ", nhận được '" + value + "'"))
                .limit("min", 1).limit("max", max);
    }

    /**
     * A cursor as clients see it: opaque, the base64url form of where the previous page ended (its parts joined by
     * {@code /}, none holding one).
     */
    public static String cursor(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("/", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a cursor this API returned, or null when absent.
     *
     * @param read the parts as the service's position; it throws for parts it cannot read
     */
    public static <T> T cursor(String value, int parts, Function<String[], T> read) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] split = decoded.split("/", -1);
            if (split.length != parts || decoded.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            return read.apply(split);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", Text.of("is not a cursor this API returned",
                    "không phải con trỏ trang (cursor) do API này trả về"));
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, Text.of("must be a date as YYYY-MM-DD, was '" + value + "'",
                    "phải là ngày dạng YYYY-MM-DD, nhận được '" + value + "'"));
        }
        if (!inRange(date)) {
            throw ProblemException.badRequest(name, Text.of("must be a date from " + FIRST_DAY + " to " + LAST_DAY
                    + ", was '" + value + "'", "phải là ngày từ " + FIRST_DAY + " đến " + LAST_DAY + ", nhận được '"
                    + value + "'")).limit("min", FIRST_DAY.toString()).limit("max", LAST_DAY.toString());
        }
        return date;
    }

    /** The first and last days a date may name: four-digit years, which every store and client agrees on. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    public static boolean inRange(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    /** {@code true} or {@code false}, in any case; absent or blank is {@code false}. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name, Text.of("must be true or false, was '" + value + "'",
                    "phải là true hoặc false, nhận được '" + value + "'")).allowed(List.of(true, false));
        };
    }

    /**
     * Ids of a parameter given several times, comma-separated, or both, at most {@code max} of them; empty when
     * absent.
     */
    public static Set<UUID> uuids(String name, List<String> values, int max) {
        Set<UUID> result = new LinkedHashSet<>();
        for (String part : parts(values)) {
            result.add(uuid(name, part));
        }
        if (result.size() > max) {
            throw ProblemException.badRequest(name, Text.of("at most " + max + " ids, got " + result.size(),
                    "tối đa " + max + " id, nhận được " + result.size()));
        }
        return result;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, Text.of("must be a UUID, was '" + value + "'",
                    "phải là một UUID, nhận được '" + value + "'"));
        }
    }
}
