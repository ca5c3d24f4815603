package vn.congdoan.sangkien.ranking.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Keeps the provincial federations (names, member counts, validity, successor) from {@code org-units.v1}, and every
 * unit of the hierarchy for the standings below the province.
 */
@Singleton
public class ProvinceConsumer extends ReplicaConsumer<OrgUnitState> {

    /**
     * The consumer group. Its name changes when the service starts keeping something it used to drop, so that a
     * database migrated to keep it is filled by reading the compacted topic once more from its start (applying a
     * province's state again changes nothing else): ".v2" keeps the successors of merged provinces (migration V4),
     * ".v3" every unit (migration V9).
     */
    static final String GROUP = "ranking-service.org-units.v3";

    /** Keeps a unit's state unless a newer version is already held. */
    private static final String UPSERT_UNIT = """
            insert into unit (id, code, name, type, parent_id, province_id, member_count, member_count_as_of, sector,
                              valid_from, valid_to, successor_id, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set code = excluded.code, name = excluded.name, type = excluded.type,
                parent_id = excluded.parent_id, province_id = excluded.province_id,
                member_count = excluded.member_count, member_count_as_of = excluded.member_count_as_of,
                sector = excluded.sector, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
                successor_id = excluded.successor_id, version = excluded.version
            where unit.version <= excluded.version
            """;

    /** Keeps a province's state unless a newer version is already held. */
    private static final String UPSERT_PROVINCE = """
            insert into province (id, code, name, member_count, valid_from, valid_to, successor_id, version)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set code = excluded.code, name = excluded.name,
                member_count = excluded.member_count, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
                successor_id = excluded.successor_id, version = excluded.version
            where province.version <= excluded.version
            """;

    private final DataSource dataSource;

    public ProvinceConsumer(DataSource dataSource, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        super(kafkaConfig, topics, GROUP, Topics.ORG_UNITS, OrgUnitState.class);
        this.dataSource = dataSource;
    }

    @Override
    protected void apply(Batch<OrgUnitState> batch) {
        List<OrgUnitState> states = batch.changes().stream().map(Change::state).filter(Objects::nonNull).toList();
        if (states.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<OrgUnitState> provinces = states.stream()
                        .filter(u -> u.type() == OrgUnitType.PROVINCIAL_FEDERATION).toList();
                boolean changed = changed(Jdbc.batch(c, UPSERT_UNIT, states, u -> new Object[] {u.id(), u.code(),
                    u.name(), u.type().name(), u.parentId(), u.provinceId(), u.memberCount(), u.memberCountAsOf(),
                    u.sector() == null ? null : u.sector().name(), u.validFrom(), u.validTo(), u.successorId(),
                    u.version()}));
                changed |= !provinces.isEmpty() && changed(Jdbc.batch(c, UPSERT_PROVINCE, provinces,
                        p -> new Object[] {p.id(), p.code(), p.name(), p.memberCount(), p.validFrom(), p.validTo(),
                            p.successorId(), p.version()}));
                if (changed) {
                    Jdbc.update(c, Revision.BUMP_REFERENCE);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not apply " + states.size() + " units", e);
            }
        });
    }

    private static boolean changed(int[] counts) {
        return Arrays.stream(counts).anyMatch(n -> n != 0);
    }
}
