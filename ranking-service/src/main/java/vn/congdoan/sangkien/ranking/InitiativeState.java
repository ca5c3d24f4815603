package vn.congdoan.sangkien.ranking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import vn.congdoan.sangkien.events.InitiativeStatus;

/** The last applied state of one initiative. */
@Entity
@Table(name = "initiative_state")
public class InitiativeState {

    @Id
    @Column(name = "initiative_id")
    public UUID initiativeId;

    @Column(name = "programme_code", nullable = false)
    public String programmeCode;

    @Column(name = "province_id", nullable = false)
    public UUID provinceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InitiativeStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "author_ids", nullable = false)
    public List<String> authorIds;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(nullable = false)
    public long version;
}
