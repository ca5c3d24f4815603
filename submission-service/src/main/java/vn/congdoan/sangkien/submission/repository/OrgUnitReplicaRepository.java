package vn.congdoan.sangkien.submission.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.submission.OrgUnitReplica;

@ApplicationScoped
public class OrgUnitReplicaRepository implements PanacheRepositoryBase<OrgUnitReplica, UUID> {

    /** A provincial federation named by id or by code (the two-digit province code). */
    public Optional<OrgUnitReplica> findProvince(String idOrCode) {
        String value = idOrCode.strip();
        Optional<OrgUnitReplica> unit;
        try {
            unit = findByIdOptional(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            unit = find("code = ?1 and type = ?2", value, OrgUnitType.PROVINCIAL_FEDERATION).firstResultOptional();
        }
        return unit.filter(u -> u.type == OrgUnitType.PROVINCIAL_FEDERATION);
    }
}
