package vn.congdoan.sangkien.ranking.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.GroupingChange;

/** Keeps regions and emulation clusters from {@code org-groupings.v1}. */
@ApplicationScoped
public class GroupingConsumer {

    private static final Logger LOG = Logger.getLogger(GroupingConsumer.class);

    private final ReferenceDataUpdater updater;
    private final ConsumerLoop loop;

    public GroupingConsumer(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = updater;
        this.loop = new ConsumerLoop(kafkaConfig, "ranking-service.groupings", Topics.GROUPINGS, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        List<GroupingChange> changes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.value() == null) {
                    changes.add(new GroupingChange(UUID.fromString(record.key()), null));
                    continue;
                }
                GroupingState state = EventJson.read(record.value(), GroupingState.class);
                if (state.id() == null || state.code() == null || state.kind() == null) {
                    throw new IllegalArgumentException("id, code and kind are required");
                }
                changes.add(new GroupingChange(state.id(), state));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        updater.applyGroupings(changes);
    }
}
