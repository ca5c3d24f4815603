package vn.congdoan.sangkien.submission.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    private final EntityManager em;
    private final long ttlNanos;
    private final ConcurrentHashMap<UUID, Entry> cache = new ConcurrentHashMap<>();

    public UnitDirectory(EntityManager em,
            @ConfigProperty(name = "sangkien.unit-cache.time-to-live", defaultValue = "5S") Duration ttl) {
        this.em = em;
        this.ttlNanos = ttl.toNanos();
    }

    public Optional<Unit> find(UUID id) {
        long now = System.nanoTime();
        Entry entry = cache.get(id);
        if (entry == null || now - entry.loadedAt() > ttlNanos) {
            OrgUnitReplica replica = em.find(OrgUnitReplica.class, id);
            entry = new Entry(replica == null ? null : Unit.of(replica), now);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(id, entry);
        }
        return Optional.ofNullable(entry.unit());
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
