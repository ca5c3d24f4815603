package vn.congdoan.sangkien.ranking.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.GroupingChange;
import vn.congdoan.sangkien.ranking.service.ReferenceDataUpdater.ProgrammeChange;

/**
 * Keeps regions and emulation clusters from {@code org-groupings.v1}, programmes with their phases and targets from
 * {@code programmes.v1}, and the targets of the units below the provinces from {@code unit-targets.v1}. Each topic has
 * a replica of its own, in a consumer group of its own; they differ only in what a record must hold and in which
 * method of the {@link ReferenceDataUpdater} applies a batch, so one bean starts and stops all three.
 */
@Singleton
public class ReferenceDataConsumers {

    private final List<ReplicaConsumer<?>> replicas;

    public ReferenceDataConsumers(ReferenceDataUpdater updater, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.replicas = List.of(
                ReplicaConsumer.of(kafkaConfig, topics, "ranking-service.groupings", Topics.GROUPINGS,
                        GroupingState.class, ReferenceDataConsumers::checkGrouping,
                        batch -> updater.applyGroupings(batch.changes().stream().map(c -> new GroupingChange(
                                c.state() == null ? UUID.fromString(c.key()) : c.state().id(), c.state())).toList())),
                ReplicaConsumer.of(kafkaConfig, topics, "ranking-service.programmes", Topics.PROGRAMMES,
                        ProgrammeState.class, ReferenceDataConsumers::checkProgramme,
                        batch -> updater.applyProgrammes(batch.changes().stream().map(c -> new ProgrammeChange(
                                c.state() == null ? c.key() : c.state().code(), c.state())).toList())),
                // org-unit-service publishes a target taken away as a record without one, never as a tombstone
                ReplicaConsumer.of(kafkaConfig, topics, "ranking-service.unit-targets", Topics.UNIT_TARGETS,
                        UnitTargetState.class, ReferenceDataConsumers::checkUnitTarget,
                        batch -> updater.applyUnitTargets(batch.changes().stream().map(ReplicaConsumer.Change::state)
                                .filter(Objects::nonNull).toList())));
    }

    void onStart(@Observes StartupEvent event) {
        replicas.forEach(ReplicaConsumer::start);
    }

    void onStop(@Observes ShutdownEvent event) {
        replicas.forEach(ReplicaConsumer::stop);
    }

    private static void checkGrouping(String key, GroupingState state) {
        if (state == null) {
            UUID.fromString(key);
        } else if (state.id() == null || state.code() == null || state.kind() == null) {
            throw new IllegalArgumentException("id, code and kind are required");
        }
    }

    private static void checkProgramme(String key, ProgrammeState state) {
        if (state != null && state.code() == null) {
            throw new IllegalArgumentException("code is required");
        }
    }

    private static void checkUnitTarget(String key, UnitTargetState state) {
        if (state != null && (state.programmeCode() == null || state.phaseCode() == null
                || state.unitId() == null)) {
            throw new IllegalArgumentException("programmeCode, phaseCode and unitId are required");
        }
    }
}
