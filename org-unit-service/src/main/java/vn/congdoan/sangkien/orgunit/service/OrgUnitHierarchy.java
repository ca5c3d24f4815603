package vn.congdoan.sangkien.orgunit.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.ParentChain;

/** Subtree membership in the current hierarchy, for role scopes. */
@ApplicationScoped
public class OrgUnitHierarchy implements Hierarchy {

    private final EntityManager em;

    public OrgUnitHierarchy(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean within(UUID unit, UUID root) {
        return ParentChain.within(em, "org_unit", unit, root);
    }
}
