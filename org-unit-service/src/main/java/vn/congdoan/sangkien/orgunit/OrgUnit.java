package vn.congdoan.sangkien.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
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

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgUnitType type;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "province_id")
    public UUID provinceId;

    @Column(name = "member_count")
    public Integer memberCount;

    @Column(name = "member_count_as_of")
    public LocalDate memberCountAsOf;

    /** The kind of workplace, for the breakdowns by sector; {@code null} when not known. */
    @Enumerated(EnumType.STRING)
    @Column(name = "sector")
    public UnitSector sector;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "successor_id")
    public UUID successorId;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public OrgUnitState toState() {
        return new OrgUnitState(id, code, name, type, parentId, provinceId, memberCount, memberCountAsOf, validFrom,
                validTo, successorId, version, sector);
    }
}
