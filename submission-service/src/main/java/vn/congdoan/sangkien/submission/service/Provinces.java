package vn.congdoan.sangkien.submission.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;

/** Provincial federations named by id or by code (the two-digit province code), from the replica. */
@ApplicationScoped
public class Provinces {

    private final OrgUnitReplicaRepository units;

    public Provinces(OrgUnitReplicaRepository units) {
        this.units = units;
    }

    public Optional<OrgUnitReplica> find(String idOrCode) {
        String value = idOrCode.strip();
        Optional<OrgUnitReplica> unit;
        try {
            unit = units.findByIdOptional(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            unit = units.find("code = ?1 and type = ?2", value, OrgUnitType.PROVINCIAL_FEDERATION).firstResultOptional();
        }
        return unit.filter(u -> u.type == OrgUnitType.PROVINCIAL_FEDERATION);
    }
}
