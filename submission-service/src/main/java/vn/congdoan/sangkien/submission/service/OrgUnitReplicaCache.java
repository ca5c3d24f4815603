package vn.congdoan.sangkien.submission.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;


import com.github.benmanes.caffeine.cache.Cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.cache.Caches;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.submission.OrgUnitReplica;

/**
 * A cache of this service's replica of the org units, as every submission needs them (the submitting unit, and the
 * parent chain for scope checks): a submission then costs no database round trip for them. Kept for a few seconds
 * each (Caffeine, bounded in size); this instance forgets a unit as soon as its replica row changes, other instances
 * sharing the database see the change after at most the time to live. It is the {@link Hierarchy} scope checks
 * walk, so that they work while org-unit-service is down.
 */
@ApplicationScoped
public class OrgUnitReplicaCache implements Hierarchy {

    /** What a submission needs to know of a unit. */
    public record Unit(UUID id, String code, OrgUnitType type, UUID parentId, UUID provinceId, LocalDate validFrom,
            LocalDate validTo) {

        public static Unit of(OrgUnitReplica replica) {
            return new Unit(replica.id, replica.code, replica.type, replica.parentId, replica.provinceId,
                    replica.validFrom, replica.validTo);
        }

        public boolean activeOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
        }
    }

    private static final int MAX_ENTRIES = 50_000;
    private static final int MAX_DEPTH = 64;
    /** The columns {@link OrgUnitReplica} maps, as {@link Unit} needs them. */
    private static final String SELECT = """
            select code, type, parent_id, province_id, valid_from, valid_to from org_unit_replica where id = ?""";

    /** How long a unit is kept. */
    @ConfigMapping(prefix = "unit-cache")
    public interface Config {

        /** How long this instance keeps a unit it read: how late it sees a change another instance applied. */
        @WithDefault("5S")
        Duration timeToLive();
    }

    private final DataSource dataSource;
    private final Cache<UUID, Optional<Unit>> cache;

    public OrgUnitReplicaCache(DataSource dataSource, Config config) {
        this.dataSource = dataSource;
        this.cache = Caches.builder().maximumSize(MAX_ENTRIES).expireAfterWrite(config.timeToLive()).build();
    }

    public Optional<Unit> find(UUID id) {
        return cache.get(id, this::load);
    }

    /**
     * One row of the replica, in plain JDBC: every unit comes back here after its time to live, tens of times a
     * second under load, and a read through Hibernate outside a transaction (a session of its own each time) cost
     * more than the read (see benchmarks/FINDINGS.md, "Measurements behind the code's choices"). Joins the caller's transaction, if any.
     */
    private Optional<Unit> load(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Unit(id, row.getString(1), OrgUnitType.valueOf(row.getString(2)),
                                row.getObject(3, UUID.class), row.getObject(4, UUID.class),
                                row.getObject(5, LocalDate.class), row.getObject(6, LocalDate.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceException("Unit " + id + " not read", e);
        }
    }

    /** Whether {@code unit} is {@code root} or below it, walking the parent chain. */
    @Override
    public boolean within(UUID unit, UUID root) {
        UUID current = unit;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(root)) {
                return true;
            }
            Optional<Unit> known = find(current);
            if (known.isEmpty()) {
                return false;
            }
            current = known.get().parentId();
        }
        return false;
    }

    /** Called after a change of the replica has committed. */
    public void forget(UUID id) {
        cache.invalidate(id);
    }
}
