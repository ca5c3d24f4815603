package vn.congdoan.sangkien.ranking.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

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

    @Test
    void withNothingSetEveryKeyHasTheDefaultOfRankingConfig() throws IOException {
        RankingConfig config = read(Map.of(), Map.of());

        assertThat(config.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(config.cacheMaxAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.revisionMaxAge()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.snapshotCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.rebuildCatchUpTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.eventsGather()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.rebuildWorkers()).isEqualTo(2);
        assertThat(config.streams().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.streams().reconnectDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.streams().perAddress()).isEqualTo(50);
        assertThat(config.streams().total()).isEqualTo(10_000);
    }

    @Test
    void theEnvironmentVariablesDeployersSetReachTheirKeys() throws IOException {
        RankingConfig config = read(Map.of(), Map.ofEntries(Map.entry("RANKING_ZONE", "Asia/Bangkok"),
                Map.entry("RANKING_CACHE_MAX_AGE", "7S"), Map.entry("RANKING_REVISION_MAX_AGE", "0.2S"),
                Map.entry("RANKING_SNAPSHOT_CHECK_INTERVAL", "2M"), Map.entry("RANKING_REBUILD_CATCH_UP_TIMEOUT", "45S"),
                Map.entry("RANKING_EVENTS_GATHER", "0S"), Map.entry("RANKING_REBUILD_WORKERS", "4"),
                Map.entry("RANKING_STREAMS_HEARTBEAT", "20S"), Map.entry("RANKING_STREAMS_RECONNECT_DELAY", "3S"),
                Map.entry("RANKING_STREAMS_PER_ADDRESS", "7"), Map.entry("RANKING_STREAMS_TOTAL", "500")));

        assertThat(config.zone()).isEqualTo(ZoneId.of("Asia/Bangkok"));
        assertThat(config.cacheMaxAge()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.revisionMaxAge()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.snapshotCheckInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.rebuildCatchUpTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.eventsGather()).isZero();
        assertThat(config.rebuildWorkers()).isEqualTo(4);
        assertThat(config.streams().heartbeat()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.streams().reconnectDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.streams().perAddress()).isEqualTo(7);
        assertThat(config.streams().total()).isEqualTo(500);
    }

    /** Why application.properties names no ranking key: an unset variable leaves it empty, and empty is missing. */
    @Test
    void aKeyGivenAnUnsetVariableIsMissingNotDefaulted() {
        assertThatThrownBy(() -> read(Map.of("ranking.zone", "${RANKING_ZONE:}"), Map.of()).zone())
                .hasMessageContaining("ranking.zone")
                .hasMessageContaining("empty String");
    }
}
