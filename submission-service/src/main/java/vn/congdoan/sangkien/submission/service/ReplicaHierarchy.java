package vn.congdoan.sangkien.submission.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.kit.security.Hierarchy;

/** Subtree membership from this service's replica of org-units.v1: works while org-unit-service is down. */
@ApplicationScoped
public class ReplicaHierarchy implements Hierarchy {

    private final OrgUnitReplicaCache units;

    public ReplicaHierarchy(OrgUnitReplicaCache units) {
        this.units = units;
    }

    @Override
    public boolean within(UUID unit, UUID root) {
        return units.within(unit, root);
    }
}
