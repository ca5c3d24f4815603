package vn.congdoan.sangkien.orgunit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A stretch of a unit's life during which its name, parent and province stayed the same. */
@Entity
@Table(name = "org_unit_period")
public class OrgUnitPeriod extends KeyedByDatabase {

    public UUID unitId;

    /** First day; {@code null} when since before the system's records. */
    public LocalDate validFrom;

    /** First day no longer valid; {@code null} while open. */
    public LocalDate validTo;
    public String name;
    public UUID parentId;
    public UUID provinceId;

    public static OrgUnitPeriod of(OrgUnit unit, LocalDate from) {
        OrgUnitPeriod period = new OrgUnitPeriod();
        period.unitId = unit.id;
        period.validFrom = from;
        period.name = unit.name;
        period.parentId = unit.parentId;
        period.provinceId = unit.provinceId;
        return period;
    }

    public boolean matches(OrgUnit unit) {
        return name.equals(unit.name) && Objects.equals(parentId, unit.parentId)
                && Objects.equals(provinceId, unit.provinceId);
    }
}
