package vn.congdoan.sangkien.orgunit;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A unit's membership of a grouping, from {@code validFrom} (inclusive) to {@code validTo} (exclusive). */
@Entity
@Table(name = "org_grouping_member")
public class GroupingMembership extends KeyedByDatabase {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "grouping_id")
    public Grouping grouping;

    public UUID unitId;
    public LocalDate validFrom;
    public LocalDate validTo;
}
