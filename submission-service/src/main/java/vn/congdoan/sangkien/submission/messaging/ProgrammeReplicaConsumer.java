package vn.congdoan.sangkien.submission.messaging;

import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.submission.ProgrammeReplica;
import vn.congdoan.sangkien.submission.repository.ProgrammeReplicaRepository;
import vn.congdoan.sangkien.submission.service.Programmes;

/** Keeps {@code programme_replica} equal to the latest state of every programme on {@code programmes.v1}. */
@Singleton
public class ProgrammeReplicaConsumer extends ReplicaConsumer<ProgrammeState> {

    private final ProgrammeReplicaRepository replicas;
    private final Programmes programmes;

    public ProgrammeReplicaConsumer(ProgrammeReplicaRepository replicas, Programmes programmes, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, "submission-service.programmes", Topics.PROGRAMMES, ProgrammeState.class);
        this.replicas = replicas;
        this.programmes = programmes;
    }

    @Override
    protected void check(String key, ProgrammeState state) {
        if (state != null && (state.code() == null || state.startDate() == null)) {
            throw new IllegalArgumentException("code and startDate are required");
        }
    }

    @Override
    protected void apply(Batch<ProgrammeState> batch) {
        QuarkusTransaction.requiringNew().run(() -> batch.changes().forEach(this::apply));
        batch.changes().forEach(c -> programmes.forget(c.state() == null ? c.key() : c.state().code()));
    }

    /** A tombstone removes the programme: submissions to it are refused from then on. */
    private void apply(Change<ProgrammeState> change) {
        ProgrammeState state = change.state();
        if (state == null) {
            if (change.key() != null) {
                replicas.deleteById(change.key());
            }
            return;
        }
        ProgrammeReplica replica = replicas.findById(state.code());
        if (replica == null) {
            replica = new ProgrammeReplica();
            replica.apply(state);
            replicas.persist(replica);
        } else if (state.version() >= replica.version) {
            replica.apply(state);
        }
    }
}
