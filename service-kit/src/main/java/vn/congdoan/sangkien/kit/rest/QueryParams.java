package vn.congdoan.sangkien.kit.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date as YYYY-MM-DD, was '" + value + "'");
        }
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
