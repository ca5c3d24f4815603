package vn.congdoan.sangkien.ranking.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The ranking settings as the service reads them: application.properties, the environment and the defaults of
 * {@link RankingConfig}, with the converters Quarkus adds.
 */
class RankingConfigTest {

    private static RankingConfig read(Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        URL file = RankingConfigTest.class.getResource("/application.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(file, 250))
                .withSources(new PropertiesConfigSource(properties, "overrides", 260))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(RankingConfig.class)
                .build()
                .getConfigMapping(RankingConfig.class);
    }

    /** A key as a deployer sets it: its variable, a value for it, what that value reads as, and its default. */
    private record Key(String variable, String value, Object read, Object byDefault,
            Function<RankingConfig, Object> of) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("RANKING_ZONE", "Asia/Bangkok", ZoneId.of("Asia/Bangkok"), ZoneId.of("Asia/Ho_Chi_Minh"),
                    RankingConfig::zone),
            new Key("RANKING_CACHE_MAX_AGE", "7S", Duration.ofSeconds(7), Duration.ofSeconds(5),
                    RankingConfig::cacheMaxAge),
            new Key("RANKING_REVISION_MAX_AGE", "0.2S", Duration.ofMillis(200), Duration.ofMillis(100),
                    RankingConfig::revisionMaxAge),
            new Key("RANKING_SNAPSHOT_CHECK_INTERVAL", "2M", Duration.ofMinutes(2), Duration.ofMinutes(1),
                    RankingConfig::snapshotCheckInterval),
            new Key("RANKING_REBUILD_CATCH_UP_TIMEOUT", "45S", Duration.ofSeconds(45), Duration.ofSeconds(30),
                    RankingConfig::rebuildCatchUpTimeout),
            new Key("RANKING_EVENTS_GATHER", "0S", Duration.ZERO, Duration.ofMillis(50), RankingConfig::eventsGather),
            new Key("RANKING_REBUILD_WORKERS", "4", 4, 2, RankingConfig::rebuildWorkers),
            new Key("RANKING_STREAMS_HEARTBEAT", "20S", Duration.ofSeconds(20), Duration.ofSeconds(15),
                    c -> c.streams().heartbeat()),
            new Key("RANKING_STREAMS_RECONNECT_DELAY", "3S", Duration.ofSeconds(3), Duration.ofSeconds(5),
                    c -> c.streams().reconnectDelay()),
            new Key("RANKING_STREAMS_PER_ADDRESS", "7", 7, 50, c -> c.streams().perAddress()),
            new Key("RANKING_STREAMS_TOTAL", "500", 500, 10_000, c -> c.streams().total()));

    @Test
    void withNothingSetEveryKeyHasTheDefaultOfRankingConfig() throws IOException {
        RankingConfig config = read(Map.of(), Map.of());

        assertThat(KEYS).allSatisfy(key -> assertThat(key.of().apply(config)).as(key.variable())
                .isEqualTo(key.byDefault()));
    }

    @Test
    void theEnvironmentVariablesDeployersSetReachTheirKeys() throws IOException {
        RankingConfig config = read(Map.of(), KEYS.stream().collect(Collectors.toMap(Key::variable, Key::value)));

        assertThat(KEYS).allSatisfy(key -> assertThat(key.of().apply(config)).as(key.variable())
                .isEqualTo(key.read()));
    }

    /** Why application.properties names no ranking key: an unset variable leaves it empty, and empty is missing. */
    @Test
    void aKeyGivenAnUnsetVariableIsMissingNotDefaulted() {
        assertThatThrownBy(() -> read(Map.of("ranking.zone", "${RANKING_ZONE:}"), Map.of()).zone())
                .hasMessageContaining("ranking.zone")
                .hasMessageContaining("empty String");
    }
}
