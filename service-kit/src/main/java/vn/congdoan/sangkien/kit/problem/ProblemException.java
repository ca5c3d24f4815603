package vn.congdoan.sangkien.kit.problem;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on; rendered as problem+json with its type's status, its detail in the language the
 * client reads, and what a program needs to act on it: the field, the allowed values, the limit.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Text detail;
    private final String field;
    private Integer retryAfterSeconds;
    private List<String> allowed;
    private Map<String, Object> limits;

    public ProblemException(ProblemType type, Text detail, String field) {
        super(detail.en());
        this.type = type;
        this.detail = detail;
        this.field = field;
    }

    public static ProblemException notFound(Text what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, Text.of(what.en() + " " + id + " does not exist",
                what.vi() + " " + id + " không tồn tại"), null);
    }

    public static ProblemException badRequest(String field, Text detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail, field);
    }

    /** The request is well-formed but breaks a rule of the domain. */
    public static ProblemException unprocessable(String field, Text detail) {
        return new ProblemException(ProblemType.RULE_VIOLATED, detail, field);
    }

    /** The request conflicts with the current state (a duplicate code, a change already made). */
    public static ProblemException conflict(String field, Text detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, field);
    }

    /** A move between statuses that the lifecycle does not allow. */
    public static ProblemException transition(Text detail) {
        return new ProblemException(ProblemType.INVALID_TRANSITION, detail, "status");
    }

    public static ProblemException unauthorized() {
        return new ProblemException(ProblemType.UNAUTHORIZED, Text.of(
                "Sign in: send a bearer token, or an API key as 'Authorization: ApiKey …' or 'X-API-Key'",
                "Hãy đăng nhập: gửi bearer token, hoặc khóa API dưới dạng 'Authorization: ApiKey …' hay 'X-API-Key'"),
                null);
    }

    public static ProblemException forbidden(Text detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, null);
    }

    /** The caller holds or sends more than its share: 429 with Retry-After. */
    public static ProblemException tooManyRequests(Text detail, int retryAfterSeconds) {
        return new ProblemException(ProblemType.TOO_MANY_REQUESTS, detail, null).retryAfter(retryAfterSeconds);
    }

    /** The service is busy, not broken: 503 with Retry-After, so that clients come back instead of giving up. */
    public static ProblemException unavailable(Text detail, int retryAfterSeconds) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail, null).retryAfter(retryAfterSeconds);
    }

    private ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** This problem, saying which values the field allows. */
    public ProblemException allowed(Collection<?> values) {
        this.allowed = values.stream().map(String::valueOf).toList();
        return this;
    }

    /** This problem, saying which constants of an enum the field allows. */
    public ProblemException allowed(Class<? extends Enum<?>> type) {
        return allowed(Arrays.asList(type.getEnumConstants()));
    }

    /** This problem, saying which limit was broken ({@code max}: 500, {@code maxBytes}: 262144…). */
    public ProblemException limit(String name, Object value) {
        if (limits == null) {
            limits = new LinkedHashMap<>();
        }
        limits.put(name, value);
        return this;
    }

    public int status() {
        return type.status();
    }

    public ProblemType type() {
        return type;
    }

    public Text detail() {
        return detail;
    }

    public String field() {
        return field;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem(boolean vietnamese) {
        return new Problem(type.uri(), type.title().in(vietnamese), type.status(), detail.in(vietnamese), field,
                allowed, limits, null);
    }
}
