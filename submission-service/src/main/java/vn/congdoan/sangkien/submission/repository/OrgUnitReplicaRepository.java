package vn.congdoan.sangkien.submission.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.submission.OrgUnitReplica;

@ApplicationScoped
public class OrgUnitReplicaRepository implements PanacheRepositoryBase<OrgUnitReplica, UUID> {
}
