package vn.congdoan.sangkien.ranking;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provincial federation, the unit the standings rank. */
@Entity
@Table(name = "province")
public class Province {

    @Id
    public UUID id;

    public String code;
    public String name;
    public Integer memberCount;
    public LocalDate validFrom;
    public LocalDate validTo;

    /** The province it merged into on {@code validTo}; null unless merged. */
    public UUID successorId;
    public long version;
}
