package vn.congdoan.sangkien.kit.security;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The unit claim of each token, read once per token rather than once per request: smallrye-jwt looks every claim name
 * up among the standard ones first and throws and catches an exception for a custom one such as {@code unit} (2 % of
 * submission-service's CPU under POST load). Bounded like {@link VerifiedTokens}: when it holds as many tokens, it
 * starts again empty.
 */
@ApplicationScoped
public class TokenUnits {

    private final Map<String, Optional<UUID>> units = new ConcurrentHashMap<>();

    Optional<UUID> of(JsonWebToken jwt) {
        String raw = jwt.getRawToken();
        if (raw == null) {
            return read(jwt);
        }
        Optional<UUID> known = units.get(raw);
        if (known == null) {
            if (units.size() >= VerifiedTokens.MAX_TOKENS) {
                units.clear();
            }
            known = read(jwt);
            units.put(raw, known);
        }
        return known;
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
