package vn.congdoan.sangkien.ranking;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provincial federation, the unit the standings rank. */
@Entity
@Table(name = "province")
public class Province {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "member_count")
    public Integer memberCount;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** The province it merged into on {@code validTo}; null unless merged. */
    @Column(name = "successor_id")
    public UUID successorId;

    @Column(nullable = false)
    public long version;
}
