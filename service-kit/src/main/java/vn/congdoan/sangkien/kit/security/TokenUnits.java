package vn.congdoan.sangkien.kit.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;

import vn.congdoan.sangkien.kit.cache.Caches;

/**
 * The unit claim of each token, read once per token rather than once per request: smallrye-jwt looks every claim name
 * up among the standard ones first and throws and catches an exception for a custom one such as {@code unit} (see
 * benchmarks/FINDINGS.md, "Measurements behind the code's choices"). Bounded like {@link VerifiedTokens}: the least used tokens are
 * forgotten first.
 */
@ApplicationScoped
public class TokenUnits {

    private final Cache<String, Optional<UUID>> units = Caches.builder().maximumSize(VerifiedTokens.MAX_TOKENS)
            .expireAfterAccess(VerifiedTokens.MAX_AGE).build();

    Optional<UUID> of(JsonWebToken jwt) {
        String raw = jwt.getRawToken();
        if (raw == null) {
            return read(jwt);
        }
        return units.get(raw, token -> read(jwt));
    }

    static Optional<UUID> read(JsonWebToken jwt) {
        return parse(jwt.getClaim(Caller.UNIT_CLAIM));
    }

    static Optional<UUID> parse(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
