package vn.congdoan.sangkien.ranking.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.ProgrammeChange;

/** Keeps programmes, their phases and targets from {@code programmes.v1}. */
@ApplicationScoped
public class ProgrammeConsumer {

    private static final Logger LOG = Logger.getLogger(ProgrammeConsumer.class);

    private final ReferenceDataUpdater updater;
    private final ConsumerLoop loop;

    public ProgrammeConsumer(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = updater;
        this.loop = new ConsumerLoop(kafkaConfig, "ranking-service.programmes", Topics.PROGRAMMES, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        List<ProgrammeChange> changes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.value() == null) {
                    changes.add(new ProgrammeChange(record.key(), null));
                    continue;
                }
                ProgrammeState state = EventJson.read(record.value(), ProgrammeState.class);
                if (state.code() == null) {
                    throw new IllegalArgumentException("code is required");
                }
                changes.add(new ProgrammeChange(state.code(), state));
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        updater.applyProgrammes(changes);
    }
}
