package vn.congdoan.sangkien.submission.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The change feed of a province's initiatives. */
@ConfigMapping(prefix = "feed")
public interface FeedConfig {

    /**
     * How old a change must be before the feed shows it: longer than any write takes to commit, so that a change
     * committed late never lands behind a cursor already handed out.
     */
    @WithDefault("1M")
    Duration settle();
}
