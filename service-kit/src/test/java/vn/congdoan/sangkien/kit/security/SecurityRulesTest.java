package vn.congdoan.sangkien.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SecurityRulesTest {

    @Test
    void prodRefusesTheDevelopmentKeyOtherProfilesAcceptIt() {
        assertThat(DevKeyGuard.refuses(List.of("prod"), "dev-jwt/publicKey.pem")).isTrue();
        assertThat(DevKeyGuard.refuses(List.of("prod"), "classpath:dev-jwt/publicKey.pem")).isTrue();
        assertThat(DevKeyGuard.refuses(List.of("prod"), "file:/run/secrets/jwt-public-key.pem")).isFalse();
        assertThat(DevKeyGuard.refuses(List.of("local"), "dev-jwt/publicKey.pem")).isFalse();
        assertThat(DevKeyGuard.refuses(List.of("test"), "dev-jwt/publicKey.pem")).isFalse();
    }

    @Test
    void writesBeyondTheBurstWaitForTheRefill() {
        WriteRateLimiter limiter = new WriteRateLimiter(2, 3);
        long t = 1_000_000_000L;
        assertThat(limiter.take("a", t)).isZero();
        assertThat(limiter.take("a", t)).isZero();
        assertThat(limiter.take("a", t)).isZero();
        assertThat(limiter.take("a", t)).isEqualTo(500);
        assertThat(limiter.take("b", t)).as("another client has its own bucket").isZero();
        assertThat(limiter.take("a", t + 500_000_000L)).as("half a second refills one write at 2/s").isZero();
        assertThat(limiter.take("a", t + 500_000_000L)).isPositive();
    }

    @Test
    void eachCredentialHasItsOwnBucketKeyWithoutTheCredentialInIt() {
        String token = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtLTEyMyIsInVuaXQiOiI0MiJ9.c2lnbmF0dXJl";
        String key = WriteRateLimiter.credentialKey(token);

        assertThat(WriteRateLimiter.credentialKey(token)).isEqualTo(key);
        assertThat(key).doesNotContain("eyJ").hasSizeLessThanOrEqualTo(18);
        assertThat(WriteRateLimiter.credentialKey(token.replace("c2lnbmF0dXJl", "c2lnbmF0dXJm"))).isNotEqualTo(key);
        assertThat(WriteRateLimiter.credentialKey("ApiKey sk-1")).isNotEqualTo(WriteRateLimiter.credentialKey("ApiKey sk-2"));
    }

    @Test
    void apiKeysRoundTripAndOnlyTheirSecretOpensThem() {
        ApiKey key = new ApiKey();
        String presented = ApiKey.issue(key, java.util.UUID.randomUUID(), "Sở TT&TT");

        ApiKey.Presented parsed = ApiKey.parse(presented).orElseThrow();
        assertThat(parsed.id()).isEqualTo(key.id);
        assertThat(key.accepts(parsed.secret())).isTrue();
        assertThat(key.accepts(parsed.secret() + "x")).isFalse();
        assertThat(key.secretHash).doesNotContain(parsed.secret());
        assertThat(ApiKey.parse("sk_nothex_secret")).isEmpty();
        assertThat(ApiKey.parse("Bearer abc")).isEmpty();

        key.revokedAt = java.time.Instant.now();
        assertThat(key.accepts(parsed.secret())).isFalse();
    }
}
