package vn.congdoan.sangkien.orgunit.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.orgunit.OrgUnit;

@ApplicationScoped
public class OrgUnitRepository implements PanacheRepositoryBase<OrgUnit, UUID> {

    public Optional<OrgUnit> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** Units currently under {@code id} that are still in force. */
    public List<OrgUnit> activeChildren(UUID id) {
        return list("parentId = ?1 and validTo is null", id);
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
