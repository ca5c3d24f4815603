package vn.congdoan.sangkien.ranking.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;

/** Applies {@code initiative-events.v1} to the live standings, one transaction per polled batch. */
@Singleton
public class StandingsConsumer extends ReplicaConsumer<InitiativeEvent> {

    /** The consumer group of the live standings; every instance of the service joins it. */
    public static final String GROUP_ID = "ranking-service.standings";

    private final StandingsUpdater updater;

    public StandingsConsumer(StandingsUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RankingConfig config) {
        super(gathering(kafkaConfig, config.eventsGather()), topics, GROUP_ID, Topics.INITIATIVE_EVENTS,
                InitiativeEvent.class);
        this.updater = updater;
    }

    /** The consumer's settings, with fetches answered once {@code gather} has passed or a megabyte has come. */
    static Map<String, Object> gathering(Map<String, Object> kafkaConfig, Duration gather) {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        if (!gather.isZero()) {
            settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
            settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) gather.toMillis());
        }
        return settings;
    }

    @Override
    protected void check(String key, InitiativeEvent event) {
        if (event == null || event.initiativeId() == null || event.programmeCode() == null
                || event.provinceId() == null || event.status() == null) {
            throw new IllegalArgumentException("initiativeId, programmeCode, provinceId and status are required");
        }
    }

    /** Applies a batch and records, with the counters, the offset after its last record in each partition. */
    @Override
    protected void apply(Batch<InitiativeEvent> batch) {
        updater.applyAll(CounterSet.LIVE, events(batch), batch.nextOffsets());
    }

    /** The events of a polled batch; an unreadable record is logged and skipped. */
    public List<InitiativeEvent> events(List<ConsumerRecord<String, String>> records) {
        return events(read(records));
    }

    private static List<InitiativeEvent> events(Batch<InitiativeEvent> batch) {
        return batch.changes().stream().map(Change::state).toList();
    }
}
