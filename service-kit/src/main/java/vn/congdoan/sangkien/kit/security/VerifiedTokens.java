package vn.congdoan.sangkien.kit.security;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import vn.congdoan.sangkien.kit.cache.Caches;

/**
 * Remembers tokens already verified, so that a member's app sending many requests with one token pays for the
 * signature check and the parsing once, not on every request: they were most of the cost of a submission after the
 * database. A token is remembered at most {@link #MAX_AGE} and never past its expiry; a token that fails is checked
 * afresh every time. The memory is bounded (Caffeine): beyond {@link #MAX_TOKENS} tokens, the least used are
 * forgotten first.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    static final int MAX_TOKENS = 20_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Verified(JsonWebToken token, long until) {
    }

    private final Cache<String, Verified> verified = Caches.builder().maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_AGE).build();

    @Inject
    @Delegate
    JWTParser parser;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.getIfPresent(token);
        if (known != null && now < known.until()) {
            return known.token();
        }
        JsonWebToken parsed = parser.parse(token);
        long until = Math.min(now + MAX_AGE.toMillis(), parsed.getExpirationTime() * 1000);
        verified.put(token, new Verified(parsed, until));
        return parsed;
    }
}
