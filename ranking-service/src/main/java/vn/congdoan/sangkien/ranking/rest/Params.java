package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.ranking.service.Metric;

/**
 * Query parameters read by hand: JAX-RS answers 404 for a parameter it cannot convert, and clients deserve a 400
 * that names the parameter.
 */
final class Params {

    private Params() {
    }

    static Metric sort(String value) {
        if (value == null || value.isBlank()) {
            return Metric.SUBMISSIONS;
        }
        return Metric.fromParam(value).orElseThrow(() -> ProblemException.badRequest("sort",
                "sort must be one of " + Metric.params() + "; got " + value));
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return QueryParams.date(field, value);
    }

    static boolean bool(String field, String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw ProblemException.badRequest(field, field + " must be true or false; got " + value);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
