package vn.congdoan.sangkien.submission.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.submission.ProgrammeReplica;

@ApplicationScoped
public class ProgrammeReplicaRepository implements PanacheRepositoryBase<ProgrammeReplica, String> {
}
