package vn.congdoan.sangkien.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

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
    public Kind kind;

    /** The unit renamed or moved; the successor of a merge. */
    public UUID unitId;
    public LocalDate effectiveFrom;

    /** The change as JSON (see {@code ScheduledChanges}). */
    public String request;

    /** Every unit the change concerns: {@link #unitId}, a move's new parent, a merge's sources. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] units;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String problemField;
    public String problemDetail;
    public String requestedBy;

    /** The unit whose admin scheduled it, whose subtree must still hold every unit concerned; null: a national admin. */
    public UUID requesterUnit;

    /** Attempts that failed for another reason than a rule's refusal. */
    public int attempts;
    public Instant createdAt;

    /** When it was applied, failed or was cancelled. */
    public Instant settledAt;
}
