package vn.congdoan.sangkien.ranking.messaging;

import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.Province;
import vn.congdoan.sangkien.ranking.repository.Revision;

/** Keeps the provincial federations (names, member counts, validity, successor) from {@code org-units.v1}. */
@Singleton
public class ProvinceConsumer extends ReplicaConsumer<OrgUnitState> {

    /**
     * The consumer group. Its name changes when the service starts keeping something it used to drop, so that a
     * database migrated to keep it is filled by reading the compacted topic once more from its start (applying a
     * province's state again changes nothing else): ".v2" keeps the successors of merged provinces (migration V4).
     */
    static final String GROUP = "ranking-service.org-units.v2";

    private final EntityManager em;

    public ProvinceConsumer(EntityManager em, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, GROUP, Topics.ORG_UNITS, OrgUnitState.class);
        this.em = em;
    }

    @Override
    protected void apply(Batch<OrgUnitState> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (batch.changes().stream().filter(c -> apply(c.state())).count() > 0) {
                em.createNativeQuery(Revision.BUMP).executeUpdate();
            }
        });
    }

    /** @return whether the state changed a province */
    private boolean apply(OrgUnitState state) {
        if (state == null || state.type() != OrgUnitType.PROVINCIAL_FEDERATION) {
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
