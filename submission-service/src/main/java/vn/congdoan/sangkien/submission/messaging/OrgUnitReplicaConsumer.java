package vn.congdoan.sangkien.submission.messaging;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.service.OrgUnitReplicaCache;

/** Keeps {@code org_unit_replica} equal to the latest state of every unit on {@code org-units.v1}. */
@Singleton
public class OrgUnitReplicaConsumer extends ReplicaConsumer<OrgUnitState> {

    private final OrgUnitReplicaRepository replicas;
    private final OrgUnitReplicaCache directory;

    public OrgUnitReplicaConsumer(OrgUnitReplicaRepository replicas, OrgUnitReplicaCache directory, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, "submission-service.org-units", Topics.ORG_UNITS, OrgUnitState.class);
        this.replicas = replicas;
        this.directory = directory;
    }

    @Override
    protected void apply(Batch<OrgUnitState> batch) {
        QuarkusTransaction.requiringNew().run(() -> batch.changes().forEach(c -> apply(c.state())));
        batch.changes().stream().map(c -> keyAsId(c.key())).filter(id -> id != null).forEach(directory::forget);
    }

    private static UUID keyAsId(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void apply(OrgUnitState state) {
        if (state == null) {
            return;
        }
        OrgUnitReplica replica = replicas.findById(state.id());
        if (replica == null) {
            replica = new OrgUnitReplica();
            replica.apply(state);
            replicas.persist(replica);
        } else if (state.version() >= replica.version) {
            replica.apply(state);
        }
    }
}
