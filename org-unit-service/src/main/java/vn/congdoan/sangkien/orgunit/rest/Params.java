package vn.congdoan.sangkien.orgunit.rest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/** Parses query parameters so that bad values are a 400 naming the parameter, not a 404. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }

    /** Cursors are opaque to clients: the base64url form of the last code of the previous page. */
    static String cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String lastCode = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            if (lastCode.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("a code never holds NUL");
            }
            return lastCode;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }

    static String nextCursor(String lastCode) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastCode.getBytes(StandardCharsets.UTF_8));
    }
}
