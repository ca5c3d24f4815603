package vn.congdoan.sangkien.ranking;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The running counts of one province in one programme. */
@Entity
@Table(name = "standing")
public class Standing {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public long submissions;

    @Column(nullable = false)
    public long submitters;

    @Column(nullable = false)
    public long recognized;

    @Embeddable
    public record Key(@Column(name = "programme_code") String programmeCode,
            @Column(name = "province_id") UUID provinceId) implements Serializable {
    }
}
