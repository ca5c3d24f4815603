package vn.congdoan.sangkien.ranking.messaging;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.Province;
import vn.congdoan.sangkien.ranking.repository.Revision;

/** Keeps the provincial federations (names, member counts, validity, successor) from {@code org-units.v1}. */
@ApplicationScoped
public class ProvinceConsumer {

    private static final Logger LOG = Logger.getLogger(ProvinceConsumer.class);

    /**
     * The consumer group. Its name changes when the service starts keeping something it used to drop, so that a
     * database migrated to keep it is filled by reading the compacted topic once more from its start (applying a
     * province's state again changes nothing else): ".v2" keeps the successors of merged provinces (migration V4).
     */
    static final String GROUP = "ranking-service.org-units.v2";

    private final EntityManager em;
    private final ConsumerLoop loop;

    public ProvinceConsumer(EntityManager em, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.loop = new ConsumerLoop(kafkaConfig, GROUP, Topics.ORG_UNITS, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (records.stream().filter(this::apply).count() > 0) {
                em.createNativeQuery(Revision.BUMP).executeUpdate();
            }
        });
    }

    /** @return whether the record changed a province */
    private boolean apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return false;
        }
        OrgUnitState state;
        try {
            state = EventJson.read(record.value(), OrgUnitState.class);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
        if (state.type() != OrgUnitType.PROVINCIAL_FEDERATION) {
            return false;
        }
        Province province = em.find(Province.class, state.id());
        if (province == null) {
            province = new Province();
            province.id = state.id();
        } else if (state.version() < province.version) {
            return false;
        }
        province.code = state.code();
        province.name = state.name();
        province.memberCount = state.memberCount();
        province.validFrom = state.validFrom();
        province.validTo = state.validTo();
        province.successorId = state.successorId();
        province.version = state.version();
        if (!em.contains(province)) {
            em.persist(province);
        }
        return true;
    }
}
