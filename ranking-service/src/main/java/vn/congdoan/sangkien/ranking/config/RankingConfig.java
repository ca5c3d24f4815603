package vn.congdoan.sangkien.ranking.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ranking")
public interface RankingConfig {

    /** The time zone in which days and weeks (starting on Monday) are counted. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    /** How long a client may reuse a standings response before asking again (Cache-Control max-age). */
    @WithDefault("5S")
    Duration cacheMaxAge();

    /** How long reads reuse the last revision of the standings they saw before reading it again. */
    @WithDefault("0.1S")
    Duration revisionMaxAge();

    /** How often the daily snapshot job looks for a day that has ended without its snapshot. */
    @WithDefault("1M")
    Duration snapshotCheckInterval();

    /** How long a rebuild waits for the live counters to reach the offsets it read to before comparing. */
    @WithDefault("30S")
    Duration rebuildCatchUpTimeout();

    /**
     * How long the broker lets new initiative events gather before it hands them to the standings (unless a megabyte
     * of them comes first): one batch, transaction and offset commit for all that came meanwhile, instead of one for
     * the few of each fetch. 0 hands each fetch over at once.
     */
    @WithDefault("0.05S")
    Duration eventsGather();

    /** How many consumers a rebuild applies the topic's partitions with, side by side. */
    @WithDefault("2")
    int rebuildWorkers();

    /** The Server-Sent Events streams of the standings. */
    Streams streams();

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
