package vn.congdoan.sangkien.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bucket4j.TimeMeter;

class SecurityRulesTest {

    @Test
    void prodRefusesTheDevelopmentKeyWhereverItIsAndOtherProfilesAcceptIt(@TempDir Path dir) throws IOException {
        String pem = DevKeyGuard.read(DevKeyGuard.DEV_PUBLIC_KEY).orElseThrow();
        // a copy elsewhere, under another name, with other line breaks
        Path copy = dir.resolve("issuer.pem");
        Files.writeString(copy, pem.replace("\n", "\r\n"));
        for (String location : List.of("dev-jwt/publicKey.pem", "classpath:dev-jwt/publicKey.pem", "file:" + copy,
                copy.toString())) {
            assertThatThrownBy(() -> DevKeyGuard.check(List.of("prod"), Optional.of(location), Optional.empty()))
                    .as(location).isInstanceOf(IllegalStateException.class).hasMessageContaining("development");
            DevKeyGuard.check(List.of("test"), Optional.of(location), Optional.empty());
        }
        assertThatThrownBy(() -> DevKeyGuard.check(List.of("prod"), Optional.empty(), Optional.of(pem)))
                .isInstanceOf(IllegalStateException.class);

        Path other = dir.resolve("other.pem");
        Files.writeString(other, "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(
                otherKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        DevKeyGuard.check(List.of("prod"), Optional.of("file:" + other), Optional.empty());
    }

    @Test
    void writesBeyondTheBurstWaitForTheRefill() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        WriteRateLimiter limiter = new WriteRateLimiter(config(2, 3), null, new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        });
        assertThat(limiter.take("a")).isEmpty();
        assertThat(limiter.take("a")).isEmpty();
        assertThat(limiter.take("a")).isEmpty();
        assertThat(limiter.take("a")).contains(Duration.ofMillis(500));
        assertThat(limiter.take("b")).as("another caller has its own bucket").isEmpty();
        nanos.addAndGet(500_000_000L);
        assertThat(limiter.take("a")).as("half a second refills one write at 2/s").isEmpty();
        assertThat(limiter.take("a")).isPresent();
    }

    @Test
    void aBucketIsForgottenOnceItWouldBeFullAgainButNotWithinAMinute() {
        assertThat(WriteRateLimiter.refillTime(config(50, 200))).isEqualTo(Duration.ofSeconds(4));
        assertThat(WriteRateLimiter.forgetAfter(config(50, 200))).isEqualTo(Duration.ofMinutes(1));
        assertThat(WriteRateLimiter.forgetAfter(config(1, 300))).isEqualTo(Duration.ofMinutes(5));
    }

    private static RateLimitConfig config(long perSecond, long burst) {
        return new RateLimitConfig() {
            @Override
            public long writesPerSecond() {
                return perSecond;
            }

            @Override
            public long burst() {
                return burst;
            }

            @Override
            public long maxCallers() {
                return 1_000;
            }
        };
    }

    private static PublicKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
