package vn.congdoan.sangkien.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Issues tokens signed with the development key, which only the local stack and the tests accept (the prod profile
 * refuses to start with it). {@code ./dev-token.sh ROLE [UNIT] [SUBJECT]} prints one.
 */
public final class DevTokens {

    public static final String ISSUER = "https://sangkien.local/dev-issuer";
    /** The audience the services expect by default ({@code JWT_AUDIENCE}). */
    public static final String AUDIENCE = "sangkien-api";
    private static final Set<String> ROLES = Set.of("MEMBER", "UNIT_ADMIN", "REVIEWER", "PROVINCE_INTEGRATION",
            "NATIONAL_ADMIN");

    private DevTokens() {
    }

    /**
     * @param unit the unit the role applies to: a unit id, or the code of a reference unit (e.g. {@code 42} for Hà
     *             Tĩnh, {@code TLD} for the confederation)
     */
    public static String token(String subject, String unit, Duration lifetime, String... roles) {
        return token(ISSUER, subject, unit, Instant.now().plus(lifetime), developmentKey(), roles);
    }

    /** A token with every part chosen: for tests of expired, wrongly signed or foreign tokens. */
    public static String token(String issuer, String subject, String unit, Instant expiresAt, PrivateKey key,
            String... roles) {
        return sign(claims(issuer, subject, unit, expiresAt, roles), key);
    }

    /** The claims of a development token, for tests that change one of them before {@link #sign}ing. */
    public static JwtClaims claims(String issuer, String subject, String unit, Instant expiresAt, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("roles", roles);
        if (unit != null) {
            claims.setClaim("unit", unitId(unit));
        }
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setGeneratedJwtId();
        return claims;
    }

    public static String sign(JwtClaims claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
    }

    /** The id of a reference unit from its code, as org-unit-service derives it (md5 of 'org-unit:' + code). */
    public static String unitId(String unit) {
        if (unit == null) {
            return null;
        }
        try {
            return UUID.fromString(unit).toString();
        } catch (IllegalArgumentException notAnId) {
            try {
                String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest(("org-unit:" + unit).getBytes(StandardCharsets.UTF_8)));
                return hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static PrivateKey developmentKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("/dev-jwt/privateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the development signing key", e);
        }
    }

    public static void main(String[] args) {
        if (args.length < 1 || !ROLES.contains(args[0])) {
            System.err.println("Usage: ./dev-token.sh ROLE [UNIT] [SUBJECT] [HOURS]\n  ROLE: one of " + ROLES
                    + "\n  UNIT: a unit id or a reference code (TLD, 42, ...); default TLD\n"
                    + "  SUBJECT: the member id; default dev-user\n  HOURS: lifetime; default 12");
            System.exit(2);
        }
        String unit = args.length > 1 ? args[1] : "TLD";
        String subject = args.length > 2 ? args[2] : "dev-user";
        long hours = args.length > 3 ? Long.parseLong(args[3]) : 12;
        System.out.println(token(subject, unit, Duration.ofHours(hours), args[0]));
    }
}
