package vn.congdoan.sangkien.ranking;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** How many counted initiatives a member has in a province. */
@Entity
@Table(name = "submitter")
public class Submitter {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int initiatives;

    @Embeddable
    public record Key(@Column(name = "programme_code") String programmeCode,
            @Column(name = "province_id") UUID provinceId,
            @Column(name = "member_id") String memberId) implements Serializable {
    }
}
