package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;

/** Changes to the hierarchy; each one and its {@code org-units.v1} event commit together. */
@ApplicationScoped
public class OrgUnitService {

    private final OrgUnitRepository units;
    private final Outbox outbox;
    private final Clock clock;

    public OrgUnitService(OrgUnitRepository units, Outbox outbox) {
        this.units = units;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    public Optional<OrgUnit> find(UUID id) {
        return units.findByIdOptional(id);
    }

    public Optional<OrgUnit> findByCode(String code) {
        return units.findByCode(code);
    }

    @Transactional
    public OrgUnit create(NewOrgUnit request) {
        if (units.findByCode(request.code()).isPresent()) {
            throw ProblemException.conflict("code", "A unit with code " + request.code() + " already exists");
        }
        OrgUnit parent = units.findByIdOptional(request.parentId())
                .orElseThrow(() -> ProblemException.unprocessable("parentId",
                        "Parent unit " + request.parentId() + " does not exist"));
        HierarchyRules.checkPlacement(request.type(), parent.type);
        if (parent.validTo != null) {
            throw ProblemException.unprocessable("parentId", "Parent unit " + parent.code + " is no longer in force");
        }
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.code = request.code();
        unit.name = request.name();
        unit.type = request.type();
        unit.parentId = parent.id;
        unit.provinceId = request.type() == OrgUnitType.PROVINCIAL_FEDERATION ? unit.id : parent.provinceId;
        unit.memberCount = request.memberCount();
        unit.memberCountAsOf = request.memberCountAsOf();
        unit.validFrom = request.validFrom();
        Instant now = clock.instant();
        unit.createdAt = now;
        unit.updatedAt = now;
        units.persistAndFlush(unit);
        outbox.append(Topics.ORG_UNITS, unit.id, unit.toState());
        return unit;
    }
}
