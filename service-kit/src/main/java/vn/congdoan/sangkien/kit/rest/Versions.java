package vn.congdoan.sangkien.kit.rest;

import jakarta.ws.rs.core.EntityTag;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * A resource's version as its entity tag, and back: a client sends the {@code ETag} it read as {@code If-Match}, so
 * that a change made meanwhile by someone else is refused (412) instead of overwritten.
 */
public final class Versions {

    public static final String IF_MATCH = "If-Match";

    private Versions() {
    }

    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} names ({@code "3"}, {@code W/"3"} or {@code 3}); 400 when it names none. */
    public static long of(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(IF_MATCH, Text.of("is not an ETag this API returned: " + ifMatch,
                    "không phải ETag do API này trả về: " + ifMatch));
        }
    }

    /** The version a required {@code If-Match} names: 428 without one. */
    public static long required(String ifMatch, Text what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, Text.of("Send If-Match with the ETag of the "
                    + what.en().toLowerCase() + " as you read it", "Hãy gửi If-Match với ETag của "
                    + what.vi().toLowerCase() + " như bạn đã đọc"), IF_MATCH);
        }
        return of(ifMatch);
    }

    /** 412 when the resource is no longer at the version the client read. */
    public static void check(long current, long expected, Text what) {
        if (current != expected) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, Text.of(what.en() + " is at version " + current
                    + ", not " + expected + "; read it again", what.vi() + " đang ở phiên bản " + current
                    + ", không phải " + expected + "; hãy đọc lại"), IF_MATCH);
        }
    }
}
