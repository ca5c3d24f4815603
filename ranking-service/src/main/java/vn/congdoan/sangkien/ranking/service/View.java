package vn.congdoan.sangkien.ranking.service;

import java.time.Instant;

/**
 * An answer as sent: its body (JSON, or the HTML of a widget), its strong entity tag (a hash of the body) and when
 * what it shows last changed, not rounded to the second.
 */
public record View(byte[] body, String etag, Instant changedAt) {
}
