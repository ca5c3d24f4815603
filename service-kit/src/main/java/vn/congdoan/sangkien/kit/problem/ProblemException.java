package vn.congdoan.sangkien.kit.problem;

/** A failure the client can act on; rendered as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail, String field) {
        this(status, title, detail, field, null);
    }

    private ProblemException(int status, String title, String detail, String field, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist", null);
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid request", detail, field);
    }

    /** The request is well-formed but breaks a rule of the domain. */
    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Rule violated", detail, field);
    }

    /** The request conflicts with the current state (illegal transition, duplicate code). */
    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "Conflict", detail, field);
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "Unauthorized",
                "Sign in: send a bearer token, or an API key as 'Authorization: ApiKey …' or 'X-API-Key'", null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null);
    }

    /** The caller holds or sends more than its share: 429 with Retry-After. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(429, "Too many requests", detail, null, retryAfterSeconds);
    }

    /** The service is busy, not broken: 503 with Retry-After, so that clients come back instead of giving up. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service unavailable", detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }
}
