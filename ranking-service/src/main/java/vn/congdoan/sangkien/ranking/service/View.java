package vn.congdoan.sangkien.ranking.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * An answer as sent: its body (JSON, or the HTML of a widget), its strong entity tag (a hash of the body) and when
 * what it shows last changed, not rounded to the second.
 */
public record View(byte[] body, String etag, Instant changedAt) {

    /** A strong entity tag of a body: 162 bits of its SHA-256, URL-safe. */
    public static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
