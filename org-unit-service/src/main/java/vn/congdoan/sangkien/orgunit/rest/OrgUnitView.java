package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.orgunit.OrgUnit;

public record OrgUnitView(UUID id, String code, String name, OrgUnitType type, UUID parentId, UUID provinceId,
        Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, LocalDate validTo, UUID successorId,
        long version) {

    static OrgUnitView of(OrgUnit u) {
        return new OrgUnitView(u.id, u.code, u.name, u.type, u.parentId, u.provinceId, u.memberCount,
                u.memberCountAsOf, u.validFrom, u.validTo, u.successorId, u.version);
    }
}
