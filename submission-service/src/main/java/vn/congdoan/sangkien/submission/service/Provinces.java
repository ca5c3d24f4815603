package vn.congdoan.sangkien.submission.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;

/** Provincial federations named by id or by code (the two-digit province code), from the replica. */
@ApplicationScoped
public class Provinces {

    private final OrgUnitReplicaRepository units;
    private final Caller caller;
    private final Hierarchy hierarchy;

    public Provinces(OrgUnitReplicaRepository units, Caller caller, Hierarchy hierarchy) {
        this.units = units;
        this.caller = caller;
        this.hierarchy = hierarchy;
    }

    /**
     * The province a provincial system's request names, once the caller may work with it: its integration key or
     * token, its unit administrators, national administrators.
     *
     * @throws ProblemException 401 signed out, 400 without {@code province}, 404 for no such province, 403 otherwise
     */
    public OrgUnitReplica forIntegration(String province) {
        caller.requireSignedIn();
        if (province == null || province.isBlank()) {
            throw ProblemException.badRequest("province", Text.of("is required: the id or code of a provincial "
                    + "federation", "là bắt buộc: id hoặc mã của một liên đoàn lao động tỉnh, thành phố"));
        }
        OrgUnitReplica target = find(province)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Provincial federation",
                        "Liên đoàn lao động tỉnh, thành phố"), province.strip()));
        Scope.require(caller, hierarchy, target.id, Roles.PROVINCE_INTEGRATION, Roles.UNIT_ADMIN);
        return target;
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
