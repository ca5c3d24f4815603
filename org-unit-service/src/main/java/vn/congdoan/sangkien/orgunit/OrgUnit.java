package vn.congdoan.sangkien.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;

/** A unit of the union hierarchy, with the dates it is in force. */
@Entity
@Table(name = "org_unit")
public class OrgUnit {

    @Id
    public UUID id;

    public String code;
    public String name;

    @Enumerated(EnumType.STRING)
    public OrgUnitType type;

    public UUID parentId;
    public UUID provinceId;
    public Integer memberCount;
    public LocalDate memberCountAsOf;

    /** The kind of workplace, for the breakdowns by sector; {@code null} when not known. */
    @Enumerated(EnumType.STRING)
    public UnitSector sector;

    public LocalDate validFrom;
    public LocalDate validTo;
    public UUID successorId;

    @Version
    public long version;

    public Instant createdAt;
    public Instant updatedAt;

    public OrgUnitState toState() {
        return new OrgUnitState(id, code, name, type, parentId, provinceId, memberCount, memberCountAsOf, validFrom,
                validTo, successorId, version, sector);
    }
}
