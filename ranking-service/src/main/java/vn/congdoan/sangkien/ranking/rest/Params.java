package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;
import java.util.Arrays;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
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
                Text.of("must be one of " + Metric.params() + "; got " + value, "phải là một trong " + Metric.params()
                        + "; nhận được " + value)).allowed(Arrays.stream(Metric.values()).map(Metric::param).toList()));
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
        throw ProblemException.badRequest(field, Text.of(field + " must be true or false; got " + value,
                field + " phải là true hoặc false; nhận được " + value));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
