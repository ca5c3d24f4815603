package vn.congdoan.sangkien.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Value of {@link Topics#API_KEYS}: an API key of a provincial IT system, without its secret (only the secret's
 * SHA-256 hash, hex).
 *
 * @param revokedAt when it was revoked; {@code null} while valid
 */
public record ApiKeyState(UUID id, UUID provinceId, String label, String secretHash, Instant createdAt,
        Instant revokedAt, long version) {
}
