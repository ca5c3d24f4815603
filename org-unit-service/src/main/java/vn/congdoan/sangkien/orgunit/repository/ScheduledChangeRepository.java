package vn.congdoan.sangkien.orgunit.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import vn.congdoan.sangkien.orgunit.ScheduledChange;
import vn.congdoan.sangkien.orgunit.ScheduledChange.Status;

@ApplicationScoped
public class ScheduledChangeRepository implements PanacheRepositoryBase<ScheduledChange, UUID> {

    /** Pending changes whose day has come, in the order they are applied: by day, then as they were scheduled. */
    public List<UUID> dueIds(LocalDate today) {
        return getEntityManager().createQuery("""
                select c.id from ScheduledChange c
                where c.status = 'PENDING' and c.effectiveFrom <= :today
                order by c.effectiveFrom, c.createdAt, c.id""", UUID.class)
                .setParameter("today", today).getResultList();
    }

    /** The change that failed last, if it failed since {@code since}. */
    public Optional<ScheduledChange> latestFailedSince(Instant since) {
        return find("status = ?1 and settledAt >= ?2 order by settledAt desc", Status.FAILED, since)
                .firstResultOptional();
    }

    /** How many pending changes were due before {@code today}: their day is over, and they are not applied. */
    public long overdue(LocalDate today) {
        return count("status = ?1 and effectiveFrom < ?2", Status.PENDING, today);
    }

    /** The change, locked for this transaction, if it is still pending and no other transaction holds it. */
    public Optional<ScheduledChange> claim(UUID id) {
        @SuppressWarnings("unchecked")
        List<ScheduledChange> found = getEntityManager().createNativeQuery("""
                select * from scheduled_change where id = ?1 and status = 'PENDING' for update skip locked""",
                ScheduledChange.class).setParameter(1, id).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Changes by day (latest first), of one status and/or concerning one unit when given: the unit renamed or moved,
     * the new parent of a move, the successor or a source of a merge.
     */
    public List<ScheduledChange> list(Status status, UUID unitId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (unitId != null) {
            where.append(" and array_contains(units, :unit)");
            parameters.and("unit", unitId);
        }
        return find(where + " order by effectiveFrom desc, createdAt desc", parameters).page(0, limit).list();
    }
}
