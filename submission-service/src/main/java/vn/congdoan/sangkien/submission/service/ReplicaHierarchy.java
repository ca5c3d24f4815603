package vn.congdoan.sangkien.submission.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.ParentChain;

/** Subtree membership from this service's replica of org-units.v1: works while org-unit-service is down. */
@ApplicationScoped
public class ReplicaHierarchy implements Hierarchy {

    private final EntityManager em;

    public ReplicaHierarchy(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean within(UUID unit, UUID root) {
        return ParentChain.within(em, "org_unit_replica", unit, root);
    }
}
