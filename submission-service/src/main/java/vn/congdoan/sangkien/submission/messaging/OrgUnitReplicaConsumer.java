package vn.congdoan.sangkien.submission.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.service.UnitDirectory;

/** Keeps {@code org_unit_replica} equal to the latest state of every unit on {@code org-units.v1}. */
@ApplicationScoped
public class OrgUnitReplicaConsumer {

    private static final Logger LOG = Logger.getLogger(OrgUnitReplicaConsumer.class);

    private final OrgUnitReplicaRepository replicas;
    private final UnitDirectory directory;
    private final ConsumerLoop loop;

    public OrgUnitReplicaConsumer(OrgUnitReplicaRepository replicas, UnitDirectory directory, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.replicas = replicas;
        this.directory = directory;
        this.loop = new ConsumerLoop(kafkaConfig, "submission-service.org-units", Topics.ORG_UNITS, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        QuarkusTransaction.requiringNew().run(() -> records.forEach(this::apply));
        records.stream().map(r -> keyAsId(r.key())).filter(id -> id != null).forEach(directory::forget);
    }

    private static UUID keyAsId(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
        UUID id = state.id();
        OrgUnitReplica replica = replicas.findById(id);
        if (replica == null) {
            replica = new OrgUnitReplica();
            replica.apply(state);
            replicas.persist(replica);
        } else if (state.version() >= replica.version) {
            replica.apply(state);
        }
    }
}
