package vn.congdoan.sangkien.orgunit.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.orgunit.Grouping;

/** A grouping with every membership it ever had. */
public record GroupingView(UUID id, String code, String name, GroupingKind kind, LocalDate validFrom,
        LocalDate validTo, List<Membership> members, long version) {

    public record Membership(UUID unitId, LocalDate validFrom, LocalDate validTo) {
    }

    static GroupingView of(Grouping g) {
        return new GroupingView(g.id, g.code, g.name, g.kind, g.validFrom, g.validTo,
                g.memberships.stream().map(m -> new Membership(m.unitId, m.validFrom, m.validTo)).toList(),
                g.version);
    }
}
