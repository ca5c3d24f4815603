package vn.congdoan.sangkien.testsupport;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jose4j.jwt.JwtClaims;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import vn.congdoan.sangkien.localstack.DevTokens;

/** Bearer tokens for tests, signed with the development key the services accept outside the prod profile. */
public final class Tokens {

    private Tokens() {
    }

    /** @param unit a unit id or a reference unit code ({@code TLD}, {@code 42}, …) */
    public static String bearer(String role, String unit) {
        return bearer(role, unit, "m-test");
    }

    public static String bearer(String role, String unit, String subject) {
        return "Bearer " + DevTokens.token(subject, unit, Duration.ofHours(1), role);
    }

    public static String expired(String role, String unit) {
        return "Bearer " + DevTokens.token(DevTokens.ISSUER, "m-test", unit, Instant.now().minusSeconds(600),
                key(true), role);
    }

    public static String expiringAt(Instant expiresAt, String role, String unit) {
        return "Bearer " + DevTokens.token(DevTokens.ISSUER, "m-test", unit, expiresAt, key(true), role);
    }

    public static String wrongIssuer(String role, String unit) {
        return "Bearer " + DevTokens.token("https://elsewhere.example", "m-test", unit,
                Instant.now().plusSeconds(600), key(true), role);
    }

    public static String wronglySigned(String role, String unit) {
        return "Bearer " + DevTokens.token(DevTokens.ISSUER, "m-test", unit, Instant.now().plusSeconds(600),
                key(false), role);
    }

    /**
     * A development token whose claims a test changes first: another {@code aud}, a lifetime beyond the services'
     * limit, a {@code upn} that differs from {@code sub}.
     */
    public static String custom(String role, String unit, String subject, Consumer<JwtClaims> change) {
        JwtClaims claims = DevTokens.claims(DevTokens.ISSUER, subject, unit, Instant.now().plusSeconds(600), role);
        change.accept(claims);
        return "Bearer " + DevTokens.sign(claims, key(true));
    }

    /** Makes every following REST Assured request of this thread carry the token. */
    public static void signInAs(String role, String unit) {
        // A token given to one request replaces this one instead of being sent beside it.
        RestAssured.config = RestAssured.config()
                .headerConfig(HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization"));
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", bearer(role, unit))
                .build();
    }

    public static void signOut() {
        RestAssured.requestSpecification = null;
    }

    private static PrivateKey key(boolean development) {
        if (development) {
            return DevTokens.developmentKey();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
