package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;

/** A unit as the API shows it; {@code depth} only in subtree and ancestor lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgUnitView(UUID id, String code, String name, OrgUnitType type, UUID parentId, UUID provinceId,
        Integer memberCount, LocalDate memberCountAsOf, UnitSector sector, LocalDate validFrom, LocalDate validTo,
        UUID successorId, long version, Integer depth) {

    static OrgUnitView of(OrgUnit u) {
        return new OrgUnitView(u.id, u.code, u.name, u.type, u.parentId, u.provinceId, u.memberCount,
                u.memberCountAsOf, u.sector, u.validFrom, u.validTo, u.successorId, u.version, null);
    }

    static OrgUnitView of(UnitAsOf u) {
        return new OrgUnitView(u.id(), u.code(), u.name(), u.type(), u.parentId(), u.provinceId(), u.memberCount(),
                u.memberCountAsOf(), u.sector(), u.validFrom(), u.validTo(), u.successorId(), u.version(),
                u.depth() == 0 ? null : u.depth());
    }
}
