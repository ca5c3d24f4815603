package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.UUID;

import vn.congdoan.sangkien.orgunit.repository.GroupingMember;

/** A member unit on the day asked for, with the dates of its membership. */
public record GroupingMemberView(UUID unitId, String code, String name, LocalDate validFrom, LocalDate validTo) {

    static GroupingMemberView of(GroupingMember m) {
        return new GroupingMemberView(m.unitId(), m.code(), m.name(), m.validFrom(), m.validTo());
    }
}
