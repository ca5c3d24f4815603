package vn.congdoan.sangkien.ranking.messaging;

import java.util.Map;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.ProgrammeChange;

/** Keeps programmes, their phases and targets from {@code programmes.v1}. */
@Singleton
public class ProgrammeConsumer extends ReplicaConsumer<ProgrammeState> {

    private final ReferenceDataUpdater updater;

    public ProgrammeConsumer(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, "ranking-service.programmes", Topics.PROGRAMMES, ProgrammeState.class);
        this.updater = updater;
    }

    @Override
    protected void check(String key, ProgrammeState state) {
        if (state != null && state.code() == null) {
            throw new IllegalArgumentException("code is required");
        }
    }

    @Override
    protected void apply(Batch<ProgrammeState> batch) {
        updater.applyProgrammes(batch.changes().stream().map(c -> new ProgrammeChange(
                c.state() == null ? c.key() : c.state().code(), c.state())).toList());
    }
}
