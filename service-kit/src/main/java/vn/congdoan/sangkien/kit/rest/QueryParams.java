package vn.congdoan.sangkien.kit.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * Query parameters read by hand: JAX-RS answers 404 for a parameter it cannot convert, and clients deserve a 400
 * that names the parameter. A blank parameter is an absent one.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date as YYYY-MM-DD, was '" + value + "'");
        }
        if (!inRange(date)) {
            throw ProblemException.badRequest(name, "must be a date from " + FIRST_DAY + " to " + LAST_DAY + ", was '"
                    + value + "'");
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
            default -> throw ProblemException.badRequest(name, "must be true or false, was '" + value + "'");
        };
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID, was '" + value + "'");
        }
    }
}
