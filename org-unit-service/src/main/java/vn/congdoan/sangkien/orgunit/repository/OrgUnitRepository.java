package vn.congdoan.sangkien.orgunit.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.kit.security.ParentChain;
import vn.congdoan.sangkien.orgunit.OrgUnit;

@ApplicationScoped
public class OrgUnitRepository implements PanacheRepositoryBase<OrgUnit, UUID> {

    /** The one key of {@link #lockStructure()}; the outbox relay's lock uses another. */
    private static final long STRUCTURE_LOCK = 0x4F5247_0001L;

    public Optional<OrgUnit> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /**
     * Checks now the constraints the database otherwise checks at commit (periods of a unit never overlap), after
     * writing what this transaction changed so far.
     */
    public void checkDeferredConstraints() {
        flush();
        getEntityManager().createNativeQuery("set constraints all immediate").executeUpdate();
    }

    /**
     * Serialises changes to the hierarchy's structure (create, move, merge, end, import) until the transaction ends.
     * Each of them checks its rules (no cycle, no unit in force under an ended one) on the tree it reads, and two of
     * them running side by side would each pass on a tree the other is changing: row versions do not see that, as
     * they change different rows. Call it before reading any unit, so that the reads see the last change committed.
     */
    public void lockStructure() {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(?1)")
                .setParameter(1, STRUCTURE_LOCK).getSingleResult();
    }

    /**
     * The lock of a bulk import's transaction, which changes units of one province only: shared with the imports of
     * other provinces, which touch none of the same units and so run side by side; exclusive against the imports of
     * the same province and against every other change of the structure, which may cross provinces.
     */
    public void lockProvince(UUID province) {
        getEntityManager().createNativeQuery(
                "select 1 from pg_advisory_xact_lock_shared(?1), pg_advisory_xact_lock(?2, ?3)")
                .setParameter(1, STRUCTURE_LOCK).setParameter(2, PROVINCE_LOCKS)
                .setParameter(3, province.hashCode()).getSingleResult();
    }

    /** The first of the two keys of {@link #lockProvince}: advisory locks of two keys never meet those of one. */
    private static final int PROVINCE_LOCKS = 0x4F5247;

    /** Units currently under {@code id} that are in force on {@code day} or later (not ended by then). */
    public List<OrgUnit> childrenInForceFrom(UUID id, LocalDate day) {
        return list("parentId = ?1 and (validTo is null or validTo > ?2)", id, day);
    }

    /** Whether {@code unit} is {@code ancestor} or currently sits below it, walking up from {@code unit}. */
    public boolean within(UUID unit, UUID ancestor) {
        return ParentChain.within(getEntityManager(), "org_unit", unit, ancestor);
    }

    /**
     * The unit directly below the confederation that holds {@code id} (its province, or its national sector or
     * corporation union), walking up the current parents: the unit itself when it sits there; empty for the
     * confederation and for an unknown unit.
     */
    @SuppressWarnings("unchecked")
    public Optional<UUID> nationalLevelUnit(UUID id) {
        List<UUID> found = getEntityManager().createNativeQuery("""
                with recursive up(id, parent_id, depth) as (
                    select id, parent_id, 0 from org_unit where id = ?1
                    union all
                    select u.id, u.parent_id, up.depth + 1 from org_unit u join up on u.id = up.parent_id
                    where up.depth < 64
                )
                select up.id from up join org_unit parent on parent.id = up.parent_id where parent.parent_id is null
                """, UUID.class).setParameter(1, id).getResultList();
        return found.stream().findFirst();
    }

    /** Every unit currently below {@code id}, at any depth (the unit itself excluded). */
    @SuppressWarnings("unchecked")
    public List<UUID> descendantIds(UUID id) {
        return getEntityManager().createNativeQuery("""
                with recursive below(id) as (
                    select id from org_unit where parent_id = ?1
                    union
                    select u.id from org_unit u join below b on u.parent_id = b.id
                )
                select id from below
                """, UUID.class).setParameter(1, id).getResultList();
    }
}
