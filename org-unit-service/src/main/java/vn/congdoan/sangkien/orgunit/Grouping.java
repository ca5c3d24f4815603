package vn.congdoan.sangkien.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.GroupingState;

/** A region or emulation cluster: a named set of units, with every membership it ever had. */
@Entity
@Table(name = "org_grouping")
public class Grouping {

    @Id
    public UUID id;

    public String code;
    public String name;

    @Enumerated(EnumType.STRING)
    public GroupingKind kind;

    public LocalDate validFrom;
    public LocalDate validTo;

    /** In the order they were recorded, which is also the order of the published event. */
    @OneToMany(mappedBy = "grouping", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<GroupingMembership> memberships = new ArrayList<>();

    @Version
    public long version;

    public Instant createdAt;
    public Instant updatedAt;

    public GroupingState toState() {
        return new GroupingState(id, code, name, kind, validFrom, validTo,
                memberships.stream().map(m -> new GroupingState.Member(m.unitId, m.validFrom, m.validTo)).toList(),
                version);
    }
}
