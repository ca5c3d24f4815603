package vn.congdoan.sangkien.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import vn.congdoan.sangkien.events.ApiKeyState;

/**
 * An API key of a provincial IT system, bound to its province with the role PROVINCE_INTEGRATION. The key a client
 * sends is {@code sk_<id>_<secret>}; only the secret's SHA-256 is stored.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public UUID id;

    public UUID provinceId;
    public String label;
    public String secretHash;
    public Instant createdAt;
    public Instant revokedAt;

    @Version
    public long version;

    /** In a replica: the version of the issuing service's state last applied; -1 before the first. */
    public long sourceVersion = -1;

    /** The parts of a presented key. */
    public record Presented(UUID id, String secret) {
    }

    /** Creates a key and returns it with the one plain-text form that will ever exist. */
    public static String issue(ApiKey key, UUID provinceId, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        key.id = UUID.randomUUID();
        key.provinceId = provinceId;
        key.label = label;
        key.secretHash = hash(secretText);
        key.createdAt = Instant.now();
        return "sk_" + key.id.toString().replace("-", "") + "_" + secretText;
    }

    public static Optional<Presented> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        String[] parts = presented.strip().split("_", 3);
        if (parts.length != 3 || !parts[0].equals("sk") || parts[1].length() != 32) {
            return Optional.empty();
        }
        try {
            String hex = parts[1];
            UUID id = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16), 16));
            return Optional.of(new Presented(id, parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code secret} is this key's, compared in constant time. */
    public boolean accepts(String secret) {
        return revokedAt == null && MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    public ApiKeyState toState() {
        return new ApiKeyState(id, provinceId, label, secretHash, createdAt, revokedAt, version);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
