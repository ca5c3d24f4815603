package vn.congdoan.sangkien.submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;

/** An initiative (sáng kiến) and where it stands in its lifecycle. */
@Entity
@Table(name = "initiative")
public class Initiative {

    @Id
    public UUID id;

    @Column(name = "programme_code", nullable = false)
    public String programmeCode;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String problem;

    @Column(nullable = false)
    public String solution;

    @Column(name = "expected_benefit", nullable = false)
    public String expectedBenefit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InitiativeField field;

    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    @Column(name = "province_id", nullable = false)
    public UUID provinceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InitiativeStatus status;

    @Column(name = "external_ref")
    public String externalRef;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Grows by one with every change; the events carry it so consumers apply each change once. */
    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "initiative_author", joinColumns = @JoinColumn(name = "initiative_id"))
    @OrderColumn(name = "position")
    public List<Author> authors = new ArrayList<>();

    @Embeddable
    public static class Author {

        @Column(name = "member_id", nullable = false)
        public String memberId;

        @Column(name = "display_name", nullable = false)
        public String displayName;

        protected Author() {
        }

        public Author(String memberId, String displayName) {
            this.memberId = memberId;
            this.displayName = displayName;
        }
    }

    /** The event describing this initiative as it is now; call after a flush, so that the version is current. */
    public InitiativeEvent toEvent(InitiativeEvent.Type type, Instant at) {
        return new InitiativeEvent(UUID.randomUUID(), type, at, id, version, programmeCode, unitId, provinceId,
                status, authors.stream().map(a -> a.memberId).toList(), submittedAt);
    }
}
