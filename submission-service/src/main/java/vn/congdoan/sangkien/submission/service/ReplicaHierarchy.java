package vn.congdoan.sangkien.submission.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import vn.congdoan.sangkien.kit.security.Hierarchy;

/** Subtree membership from this service's replica of org-units.v1: works while org-unit-service is down. */
@ApplicationScoped
public class ReplicaHierarchy implements Hierarchy {

    private final EntityManager em;

    public ReplicaHierarchy(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean within(UUID unit, UUID root) {
        if (unit.equals(root)) {
            return true;
        }
        return (Boolean) em.createNativeQuery("""
                with recursive up(id, parent_id, depth) as (
                    select id, parent_id, 0 from org_unit_replica where id = ?1
                    union all
                    select u.id, u.parent_id, up.depth + 1 from org_unit_replica u join up on u.id = up.parent_id
                    where up.depth < 64
                )
                select exists (select 1 from up where id = ?2)
                """).setParameter(1, unit).setParameter(2, root).getSingleResult();
    }
}
