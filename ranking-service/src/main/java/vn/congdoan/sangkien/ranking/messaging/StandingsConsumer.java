package vn.congdoan.sangkien.ranking.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;

/**
 * Applies {@code initiative-events.v1} to the live standings, one transaction per polled batch, and times each event
 * from its change to its count once that transaction has committed ({@code sangkien_standings_freshness_seconds}).
 */
@Singleton
public class StandingsConsumer extends ReplicaConsumer<InitiativeEvent> {

    /** The consumer group of the live standings; every instance of the service joins it. */
    public static final String GROUP_ID = "ranking-service.standings";

    private final StandingsUpdater updater;
    private final Timer freshness;

    public StandingsConsumer(StandingsUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RankingConfig config,
            MeterRegistry meters) {
        super(gathering(kafkaConfig, config.eventsGather()), topics, GROUP_ID, Topics.INITIATIVE_EVENTS,
                InitiativeEvent.class);
        this.updater = updater;
        this.freshness = Timer.builder("sangkien.standings.freshness")
                .description("From a change of an initiative to its count in the live standings")
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5))
                .register(meters);
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
        List<InitiativeEvent> events = events(batch);
        updater.applyAll(CounterSet.LIVE, events, batch.nextOffsets());
        Instant counted = Instant.now();
        for (InitiativeEvent event : events) {
            if (event.occurredAt() != null) {
                freshness.record(Duration.between(event.occurredAt(), counted));
            }
        }
    }

    /** The events of a polled batch; an unreadable record is logged and skipped. */
    public List<InitiativeEvent> events(List<ConsumerRecord<String, String>> records) {
        return events(read(records));
    }

    private static List<InitiativeEvent> events(Batch<InitiativeEvent> batch) {
        return batch.changes().stream().map(Change::state).toList();
    }
}
