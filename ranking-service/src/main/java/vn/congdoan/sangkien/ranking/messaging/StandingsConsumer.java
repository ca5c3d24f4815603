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
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;

/** Applies {@code initiative-events.v1} to the standings, one transaction per polled batch. */
@ApplicationScoped
public class StandingsConsumer {

    private static final Logger LOG = Logger.getLogger(StandingsConsumer.class);

    private final StandingsUpdater updater;
    private final ConsumerLoop loop;

    public StandingsConsumer(StandingsUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = updater;
        this.loop = new ConsumerLoop(kafkaConfig, "ranking-service.standings", Topics.INITIATIVE_EVENTS, topics,
                this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        List<InitiativeEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(EventJson.read(record.value(), InitiativeEvent.class));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        updater.applyAll(events);
    }
}
