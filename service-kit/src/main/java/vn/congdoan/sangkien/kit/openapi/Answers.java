package vn.congdoan.sangkien.kit.openapi;

/**
 * The answers an operation gives beyond its success, declared on it as {@code @Extension(name = Answers.ALSO,
 * value = "401,403,404")} and written into its document by {@link ApiContract} with the descriptions below. (An
 * {@code @APIResponse} would do too, but declaring one makes the scanner drop the success answer it derives from the
 * method.) The answers every operation may give (400, 401 for bad credentials, 503…) need no declaring.
 */
public final class Answers {

    /** The extension that lists the statuses; the document does not keep it. */
    public static final String ALSO = "x-answers";

    private Answers() {
    }

    static String describe(String status) {
        return switch (status) {
            case "202" -> "Accepted: scheduled for a later day; Location names the scheduled change";
            case "204" -> "Done; nothing to answer";
            case "304" -> "Unchanged since the ETag or date the client sent";
            case "401" -> "No credentials, or credentials that do not verify";
            case "403" -> "The caller's roles or scope do not allow this (detail says why)";
            case "404" -> "No such resource (detail names it)";
            case "409" -> "The request conflicts with the current state (field names what)";
            case "412" -> "If-Match names an older version: read it again and retry";
            case "422" -> "A rule of the programme refuses the request (field names what)";
            case "428" -> "If-Match is required: send the ETag the resource was read with";
            case "429" -> "Too many requests from this caller: retry after Retry-After seconds";
            case "503" -> "Busy: retry after Retry-After seconds";
            default -> "See the problem's type and detail";
        };
    }
}
