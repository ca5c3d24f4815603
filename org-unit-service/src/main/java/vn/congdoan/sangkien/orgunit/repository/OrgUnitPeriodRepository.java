package vn.congdoan.sangkien.orgunit.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import vn.congdoan.sangkien.orgunit.OrgUnitPeriod;

@ApplicationScoped
public class OrgUnitPeriodRepository implements PanacheRepository<OrgUnitPeriod> {

    /** The unit's latest period (the open one, or the last one of an ended unit). */
    public Optional<OrgUnitPeriod> latest(UUID unitId) {
        return find("unitId = ?1 order by validFrom desc nulls last", unitId).firstResultOptional();
    }
}
