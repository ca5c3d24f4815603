package vn.congdoan.sangkien.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The write limit per caller. */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig {

    /** Writes a second a caller gets back after a burst. */
    @WithDefault("50")
    long writesPerSecond();

    /** Writes a caller may send at once. */
    @WithDefault("200")
    long burst();

    /** Callers whose buckets are remembered at most; the least recently seen are forgotten first. */
    @WithDefault("100000")
    long maxCallers();
}
