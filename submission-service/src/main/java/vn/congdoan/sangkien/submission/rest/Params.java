package vn.congdoan.sangkien.submission.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.submission.repository.InitiativeQueries.Position;

/** Parses query parameters so that bad values are a 400 naming the parameter, not a 404. */
final class Params {

    private Params() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Values of a parameter given several times, comma-separated, or both: {@code status=A,B&status=C}. */
    static <E extends Enum<E>> Set<E> enums(String name, Class<E> type, List<String> values) {
        Set<E> result = EnumSet.noneOf(type);
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    result.add(Enum.valueOf(type, part.strip()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(name, "must be one or more of "
                            + Arrays.toString(type.getEnumConstants()) + ", was '" + part.strip() + "'");
                }
            }
        }
        return result;
    }

    static int limit(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + max + ", was '" + value + "'");
    }

    /** Cursors are opaque to clients: the base64url form of the order key of the previous page's last row. */
    static Position cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8)
                    .split("/");
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (!QueryParams.inRange(LocalDate.ofInstant(createdAt, ZoneOffset.UTC))) {
                throw new IllegalArgumentException("outside the years a creation time can have");
            }
            return new Position(createdAt, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }

    static String nextCursor(Position position) {
        if (position == null) {
            return null;
        }
        String key = position.createdAt().getEpochSecond() + "/" + position.createdAt().getNano() + "/" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
