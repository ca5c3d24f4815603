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

/** Keeps the provincial federations (names, member counts, validity) from {@code org-units.v1}. */
@ApplicationScoped
public class ProvinceConsumer {

    private static final Logger LOG = Logger.getLogger(ProvinceConsumer.class);

    private final EntityManager em;
    private final ConsumerLoop loop;

    public ProvinceConsumer(EntityManager em, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.loop = new ConsumerLoop(kafkaConfig, "ranking-service.org-units", Topics.ORG_UNITS, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        QuarkusTransaction.requiringNew().run(() -> records.forEach(this::apply));
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        OrgUnitState state;
        try {
            state = EventJson.read(record.value(), OrgUnitState.class);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (state.type() != OrgUnitType.PROVINCIAL_FEDERATION) {
            return;
        }
        Province province = em.find(Province.class, state.id());
        if (province == null) {
            province = new Province();
            province.id = state.id();
        } else if (state.version() < province.version) {
            return;
        }
        province.code = state.code();
        province.name = state.name();
        province.memberCount = state.memberCount();
        province.validFrom = state.validFrom();
        province.validTo = state.validTo();
        province.version = state.version();
        if (!em.contains(province)) {
            em.persist(province);
        }
    }
}
