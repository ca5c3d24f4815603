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
