package vn.congdoan.sangkien.submission.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.submission.OrgUnitReplica;

/**
 * The units of the replica as every submission needs them (the submitting unit, and the parent chain for scope
 * checks), kept in memory for a few seconds: a submission then costs no database round trip for them. This
 * instance forgets a unit as soon as its replica row changes; other instances sharing the database see the change
 * after at most the time to live.
 */
@ApplicationScoped
public class UnitDirectory {

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

    private record Entry(Unit unit, long loadedAt) {
    }

    private static final int MAX_ENTRIES = 50_000;
    private static final int MAX_DEPTH = 64;
    /** The columns {@link OrgUnitReplica} maps, as {@link Unit} needs them. */
    private static final String SELECT = """
            select code, type, parent_id, province_id, valid_from, valid_to from org_unit_replica where id = ?""";

    private final DataSource dataSource;
    private final long ttlNanos;
    private final ConcurrentHashMap<UUID, Entry> cache = new ConcurrentHashMap<>();

    public UnitDirectory(DataSource dataSource,
            @ConfigProperty(name = "sangkien.unit-cache.time-to-live", defaultValue = "5S") Duration ttl) {
        this.dataSource = dataSource;
        this.ttlNanos = ttl.toNanos();
    }

    public Optional<Unit> find(UUID id) {
        long now = System.nanoTime();
        Entry entry = cache.get(id);
        if (entry == null || now - entry.loadedAt() > ttlNanos) {
            entry = new Entry(load(id), now);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(id, entry);
        }
        return Optional.ofNullable(entry.unit());
    }

    /**
     * One row of the replica, in plain JDBC: every unit comes back here after its time to live, tens of times a
     * second under load, and a read through Hibernate outside a transaction (a session of its own each time) had been
     * 5 % of the service's CPU samples at 1,000 POSTs/s. Joins the caller's transaction, if any.
     */
    private Unit load(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? new Unit(id, row.getString(1), OrgUnitType.valueOf(row.getString(2)),
                                row.getObject(3, UUID.class), row.getObject(4, UUID.class),
                                row.getObject(5, LocalDate.class), row.getObject(6, LocalDate.class))
                        : null;
            }
        } catch (SQLException e) {
            throw new PersistenceException("Unit " + id + " not read", e);
        }
    }

    /** Whether {@code unit} is {@code root} or below it, walking the parent chain. */
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
        cache.remove(id);
    }
}
