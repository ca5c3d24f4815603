package vn.congdoan.sangkien.ranking.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the standings, each default stated here and nowhere else. A deployer sets a key through the
 * environment variable SmallRye Config derives from its name: {@code ranking.cache-max-age} from
 * {@code RANKING_CACHE_MAX_AGE}.
 */
@ConfigMapping(prefix = "ranking")
public interface RankingConfig {

    /** The time zone in which days and weeks (starting on Monday) are counted. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    /** How long a client may reuse a standings response before asking again (Cache-Control max-age). */
    @WithDefault("5S")
    Duration cacheMaxAge();

    /** How long reads reuse the last revision of the standings they saw (changes then show this much later). */
    @WithDefault("0.1S")
    Duration revisionMaxAge();

    /** How often the daily snapshot job looks for a day that has ended without its snapshot. */
    @WithDefault("1M")
    Duration snapshotCheckInterval();

    /** How long a rebuild waits for the live counters to reach the offsets it read to before comparing. */
    @WithDefault("30S")
    Duration rebuildCatchUpTimeout();

    /** How long initiative events gather at the broker before they are counted (less if a megabyte comes; 0: none). */
    @WithDefault("0.05S")
    Duration eventsGather();

    /** How many consumers a rebuild applies the topic's partitions with, side by side. */
    @WithDefault("2")
    int rebuildWorkers();

    /**
     * Where submission-service answers, for the titles of the initiatives a report lists (asked with the caller's
     * credentials); left out, reports name them by id.
     */
    Optional<URI> submissionServiceUrl();

    /** How long a report waits for those titles before it names the initiatives by id. */
    @WithDefault("2S")
    Duration titlesTimeout();

    /** The Server-Sent Events streams of the standings. */
    Streams streams();

    /**
     * Which sites may show the leaderboard's widget in a frame: the sources of its Content-Security-Policy
     * frame-ancestors ({@code *} any, {@code 'none'} none, else a list such as {@code https://ldld.nghean.vn}).
     */
    @WithDefault("*")
    String widgetFrameAncestors();

    interface Streams {

        /** How often a stream without news sends a comment, so that proxies and clients know it is alive. */
        @WithDefault("15S")
        Duration heartbeat();

        /** How long a client waits before it reconnects after a stream broke (the {@code retry:} field). */
        @WithDefault("5S")
        Duration reconnectDelay();

        /** Streams one client address may hold open at once; more are refused with 429. */
        @WithDefault("50")
        int perAddress();

        /** Streams the service holds open at once; more are refused with 503 and Retry-After. */
        @WithDefault("10000")
        int total();
    }
}
