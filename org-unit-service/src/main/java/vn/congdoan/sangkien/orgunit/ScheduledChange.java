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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rename, move or merge decided ahead of its day; applied when the day comes. */
@Entity
@Table(name = "scheduled_change")
public class ScheduledChange {

    public enum Kind {
        RENAME, MOVE, MERGE
    }

    public enum Status {
        /** waiting for its day */
        PENDING,
        /** applied on its day; the hierarchy and its events carry it */
        APPLIED,
        /** its day's rules refused it (see the problem); nothing of it was applied */
        FAILED,
        /** withdrawn before its day */
        CANCELLED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The unit renamed or moved; the successor of a merge. */
    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** The change as JSON (see {@code ScheduledChanges}). */
    @Column(nullable = false)
    public String request;

    /** Every unit the change concerns: {@link #unitId}, a move's new parent, a merge's sources. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public UUID[] units;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "problem_field")
    public String problemField;

    @Column(name = "problem_detail")
    public String problemDetail;

    @Column(name = "requested_by")
    public String requestedBy;

    /** The unit whose admin scheduled it, whose subtree must still hold every unit concerned; null: a national admin. */
    @Column(name = "requester_unit")
    public UUID requesterUnit;

    /** Attempts that failed for another reason than a rule's refusal. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When it was applied, failed or was cancelled. */
    @Column(name = "settled_at")
    public Instant settledAt;
}
