package vn.congdoan.sangkien.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.Topics;

class TopicAdminTest {

    private record Settings(short replicationFactor, int minInsyncReplicas, Optional<List<String>> partitions,
            Optional<List<String>> retention) implements TopicSettings {
    }

    private static Settings production() {
        return new Settings((short) 3, 2, Optional.empty(), Optional.empty());
    }

    @Test
    void topicsHaveTheConfiguredCopiesAndTheirSpecsPartitions() {
        NewTopic events = TopicAdmin.newTopic(Topics.spec(Topics.INITIATIVE_EVENTS), production());
        assertThat(events.replicationFactor()).isEqualTo((short) 3);
        assertThat(events.numPartitions()).isEqualTo(Topics.spec(Topics.INITIATIVE_EVENTS).partitions());
        assertThat(events.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        NewTopic units = TopicAdmin.newTopic(Topics.spec(Topics.ORG_UNITS), production());
        assertThat(units.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void partitionsAndRetentionComeFromTheSettingsWhereTheyNameATopic() {
        Settings settings = new Settings((short) 1, 1,
                Optional.of(List.of("initiative-events.v1=24", " org-units.v1 = 6")),
                Optional.of(List.of("initiative-events.v1=400D")));
        NewTopic events = TopicAdmin.newTopic(Topics.spec(Topics.INITIATIVE_EVENTS), settings);
        assertThat(events.numPartitions()).isEqualTo(24);
        assertThat(events.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(400L * 86_400_000));
        assertThat(TopicAdmin.newTopic(Topics.spec(Topics.ORG_UNITS), settings).numPartitions()).isEqualTo(6);
        assertThat(TopicAdmin.newTopic(Topics.spec(Topics.PROGRAMMES), settings).numPartitions())
                .isEqualTo(Topics.spec(Topics.PROGRAMMES).partitions());
    }

    @Test
    void settingsThatCouldNotWorkAreRefused() {
        assertThatThrownBy(() -> TopicAdmin.newTopic(Topics.spec(Topics.INITIATIVE_EVENTS),
                new Settings((short) 1, 2, Optional.empty(), Optional.empty())))
                .hasMessageContaining("min-insync-replicas");
        assertThatThrownBy(() -> TopicAdmin.newTopic(Topics.spec(Topics.INITIATIVE_EVENTS),
                new Settings((short) 3, 2, Optional.of(List.of("initiative-event.v1=12")), Optional.empty())))
                .hasMessageContaining("initiative-event.v1");
        assertThatThrownBy(() -> TopicAdmin.newTopic(Topics.spec(Topics.ORG_UNITS),
                new Settings((short) 3, 2, Optional.empty(), Optional.of(List.of("org-units.v1=30D")))))
                .hasMessageContaining("compacted");
    }
}
