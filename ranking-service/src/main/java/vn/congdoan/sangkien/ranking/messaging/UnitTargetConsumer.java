package vn.congdoan.sangkien.ranking.messaging;

import java.util.Map;
import java.util.Objects;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;

/** Keeps the targets of the units below the provinces from {@code unit-targets.v1}. */
@Singleton
public class UnitTargetConsumer extends ReplicaConsumer<UnitTargetState> {

    private final ReferenceDataUpdater updater;

    public UnitTargetConsumer(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, "ranking-service.unit-targets", Topics.UNIT_TARGETS, UnitTargetState.class);
        this.updater = updater;
    }

    @Override
    protected void check(String key, UnitTargetState state) {
        if (state != null && (state.programmeCode() == null || state.phaseCode() == null
                || state.unitId() == null)) {
            throw new IllegalArgumentException("programmeCode, phaseCode and unitId are required");
        }
    }

    /** org-unit-service publishes a target taken away as a record without one, never as a tombstone. */
    @Override
    protected void apply(Batch<UnitTargetState> batch) {
        updater.applyUnitTargets(batch.changes().stream().map(Change::state)
                .filter(Objects::nonNull).toList());
    }
}
