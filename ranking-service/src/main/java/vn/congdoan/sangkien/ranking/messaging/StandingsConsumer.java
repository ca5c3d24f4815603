package vn.congdoan.sangkien.ranking.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.StandingsUpdater;

/** Applies {@code initiative-events.v1} to the live standings, one transaction per polled batch. */
@ApplicationScoped
public class StandingsConsumer {

    /** The consumer group of the live standings; every instance of the service joins it. */
    public static final String GROUP_ID = "ranking-service.standings";

    private static final Logger LOG = Logger.getLogger(StandingsConsumer.class);

    private final StandingsUpdater updater;
    private final TopicAdmin topics;
    private final Map<String, Object> kafkaConfig;
    private final RankingConfig config;
    private ConsumerLoop loop;

    public StandingsConsumer(StandingsUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RankingConfig config) {
        this.updater = updater;
        this.topics = topics;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Joins the group and resumes from its committed offsets. */
    synchronized void start() {
        if (loop == null) {
            loop = new ConsumerLoop(gathering(kafkaConfig, config.eventsGather()), GROUP_ID,
                    Topics.INITIATIVE_EVENTS, topics, this::apply);
            loop.start();
        }
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

    /** Leaves the group; what was polled but not committed is read again by whoever takes the partitions. */
    synchronized void stop() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        Map<Integer, Long> positions = new HashMap<>();
        records.forEach(r -> positions.merge(r.partition(), r.offset() + 1, Math::max));
        updater.applyAll(CounterSet.LIVE, read(records), positions);
    }

    /** The events of a batch; an unreadable record is logged and skipped, as no retry would make it readable. */
    public static List<InitiativeEvent> read(List<ConsumerRecord<String, String>> records) {
        List<InitiativeEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                InitiativeEvent event = EventJson.read(record.value(), InitiativeEvent.class);
                if (event.initiativeId() == null || event.programmeCode() == null || event.provinceId() == null
                        || event.status() == null) {
                    throw new IllegalArgumentException("initiativeId, programmeCode, provinceId and status are required");
                }
                events.add(event);
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return events;
    }
}
