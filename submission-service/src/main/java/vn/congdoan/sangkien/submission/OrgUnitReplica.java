package vn.congdoan.sangkien.submission;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;

/** A unit as last published on {@code org-units.v1}. */
@Entity
@Table(name = "org_unit_replica")
public class OrgUnitReplica {

    @Id
    public UUID id;

    public String code;
    public String name;

    @Enumerated(EnumType.STRING)
    public OrgUnitType type;

    public UUID parentId;
    public UUID provinceId;
    public LocalDate validFrom;
    public LocalDate validTo;
    public long version;

    public void apply(OrgUnitState state) {
        id = state.id();
        code = state.code();
        name = state.name();
        type = state.type();
        parentId = state.parentId();
        provinceId = state.provinceId();
        validFrom = state.validFrom();
        validTo = state.validTo();
        version = state.version();
    }

    public boolean activeOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
    }
}
