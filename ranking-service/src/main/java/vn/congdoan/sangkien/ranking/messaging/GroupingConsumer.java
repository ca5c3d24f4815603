package vn.congdoan.sangkien.ranking.messaging;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.GroupingChange;

/** Keeps regions and emulation clusters from {@code org-groupings.v1}. */
@Singleton
public class GroupingConsumer extends ReplicaConsumer<GroupingState> {

    private final ReferenceDataUpdater updater;

    public GroupingConsumer(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, "ranking-service.groupings", Topics.GROUPINGS, GroupingState.class);
        this.updater = updater;
    }

    @Override
    protected void check(String key, GroupingState state) {
        if (state == null) {
            UUID.fromString(key);
        } else if (state.id() == null || state.code() == null || state.kind() == null) {
            throw new IllegalArgumentException("id, code and kind are required");
        }
    }

    @Override
    protected void apply(Batch<GroupingState> batch) {
        updater.applyGroupings(batch.changes().stream().map(c -> new GroupingChange(
                c.state() == null ? UUID.fromString(c.key()) : c.state().id(), c.state())).toList());
    }
}
