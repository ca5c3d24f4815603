package vn.congdoan.sangkien.ranking.config;

import java.time.Duration;
import java.time.ZoneId;

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
}
