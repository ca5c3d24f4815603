package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.ranking.service.DailySeries;
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

    /**
     * The day at the end of which to answer: {@code asOf}, or {@code date} as the standings first called it; null
     * for today.
     */
    static LocalDate asOf(String asOf, String date) {
        LocalDate day = date("asOf", asOf);
        LocalDate older = date("date", date);
        if (day != null && older != null && !day.equals(older)) {
            throw ProblemException.badRequest("asOf", Text.of("asOf " + day + " and date " + older
                    + " disagree; give one of them", "asOf " + day + " và date " + older
                    + " không khớp nhau; hãy chỉ dùng một tham số"));
        }
        return day != null ? day : older;
    }

    static DailySeries.Step step(String value) {
        if (value == null || value.isBlank() || "day".equals(value)) {
            return DailySeries.Step.DAY;
        }
        if ("week".equals(value)) {
            return DailySeries.Step.WEEK;
        }
        throw ProblemException.badRequest("step", Text.of("must be day or week; got " + value,
                "phải là day hoặc week; nhận được " + value)).allowed(List.of("day", "week"));
    }

    /**
     * The programme asked for, which may not be blank. Checked here rather than by a constraint: a constrained
     * method is validated on every call, its answer included, and the standings' reads are the service's most
     * frequent calls (benchmarks/FINDINGS.md, "counted and ranked by position").
     */
    static String programme(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("programme", Text.of("must not be blank", "không được để trống"));
        }
        return value;
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
