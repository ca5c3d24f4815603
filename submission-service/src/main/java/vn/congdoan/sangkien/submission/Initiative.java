package vn.congdoan.sangkien.submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
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

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;

/** An initiative (sáng kiến) and where it stands in its lifecycle. */
@Entity
@Table(name = "initiative")
public class Initiative {

    @Id
    public UUID id;

    public String programmeCode;
    public String title;
    public String problem;
    public String solution;
    public String expectedBenefit;

    @Enumerated(EnumType.STRING)
    public InitiativeField field;

    public UUID unitId;
    public UUID provinceId;

    @Enumerated(EnumType.STRING)
    public Visibility visibility;

    @Enumerated(EnumType.STRING)
    public InitiativeStatus status;

    public String externalRef;
    public String submittedBy;
    public Instant submittedAt;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant reviewStartedAt;
    public Integer noveltyScore;
    public Integer feasibilityScore;
    public Integer effectivenessScore;

    /** Kept apart from the status, which may later become DUPLICATE. */
    @Enumerated(EnumType.STRING)
    public InitiativeStatus reviewDecision;

    public Long estimatedBenefitVnd;
    public String reviewComment;
    public String reviewedBy;
    public Instant reviewedAt;

    /** For a DUPLICATE: the initiative it repeats. */
    public UUID duplicateOf;
    public String markedDuplicateBy;

    /** When it was withdrawn or marked a duplicate: from that day it no longer counts. */
    public Instant endedAt;

    /** Whether a province's bulk import wrote it, with its history as the provincial system recorded it. */
    public boolean imported;

    /** The credential of the import that last wrote it, as the audit names callers ({@code apikey:<id>}, a member id). */
    public String importedBy;
    public Instant importedAt;

    /** Grows by one with every change; the events carry it so consumers apply each change once. */
    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "initiative_author", joinColumns = @JoinColumn(name = "initiative_id"))
    @OrderColumn(name = "position")
    public List<Author> authors = new ArrayList<>();

    /** Members of the evaluation council assigned to review it; they may read its content whatever its visibility. */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "initiative_reviewer", joinColumns = @JoinColumn(name = "initiative_id"))
    public Set<Reviewer> reviewers = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "initiative_attachment", joinColumns = @JoinColumn(name = "initiative_id"))
    @OrderColumn(name = "position")
    public List<Attachment> attachments = new ArrayList<>();

    /**
     * Whether the member was assigned to the evaluation council of this initiative by someone else: an assignment one
     * made of oneself (possible before that was refused) opens nothing.
     */
    public boolean isAssignedReviewer(String memberId) {
        return reviewers.stream().anyMatch(r -> r.memberId().equals(memberId) && !r.assignedBy().equals(memberId));
    }

    /** Whether the member assigned any of its reviewers: whoever chose the council does not decide. */
    public boolean isReviewerAssigner(String memberId) {
        return reviewers.stream().anyMatch(r -> r.assignedBy().equals(memberId));
    }

    /** Whether the member is listed as an author, confirmed or only claimed. */
    public boolean isListedAuthor(String memberId) {
        return authors.stream().anyMatch(a -> a.memberId.equals(memberId));
    }

    /** Whether the member is an author who confirmed (or was confirmed by an officer who listed them). */
    public boolean isConfirmedAuthor(String memberId) {
        return authors.stream().anyMatch(a -> a.confirmed && a.memberId.equals(memberId));
    }

    /** An author: a class rather than a record like the others, as confirming authorship changes it in place. */
    @Embeddable
    public static class Author {

        public String memberId;

        public String displayName;

        /**
         * Whether the member confirmed being an author: co-authors named by a member are claimed until they do, and
         * only confirmed authors count as submitters. Authors listed by an officer or a province's import are
         * confirmed by whoever listed them.
         */
        public boolean confirmed;

        protected Author() {
        }

        public Author(String memberId, String displayName, boolean confirmed) {
            this.memberId = memberId;
            this.displayName = displayName;
            this.confirmed = confirmed;
        }
    }

    /** A member of the evaluation council; one assignment per member, so two are equal when the member is. */
    @Embeddable
    public record Reviewer(String memberId, String assignedBy, Instant assignedAt) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Reviewer r && memberId.equals(r.memberId);
        }

        @Override
        public int hashCode() {
            return memberId.hashCode();
        }
    }

    /** A file's metadata; the file itself stays in the submitter's document store. */
    @Embeddable
    public record Attachment(String name, long sizeBytes, String mediaType, String sha256) {
    }

    /** When the evaluation council recognised it, kept after it ends; {@code null} unless it did. */
    public Instant recognizedAt() {
        return reviewDecision == InitiativeStatus.RECOGNIZED ? reviewedAt : null;
    }

    /** A draft that exists from {@code now} under an id of its own, its values still to be set. */
    public static Initiative newDraft(Instant now) {
        Initiative initiative = new Initiative();
        initiative.id = UUID.randomUUID();
        initiative.status = InitiativeStatus.DRAFT;
        initiative.createdAt = now;
        initiative.updatedAt = now;
        return initiative;
    }

    /**
     * The event describing this initiative as it is now; call after a flush, so that the version is current. Its
     * authors are the confirmed ones: those the standings count as submitters.
     */
    public InitiativeEvent toEvent(InitiativeEvent.Type type, Instant at) {
        return new InitiativeEvent(UUID.randomUUID(), type, at, id, version, programmeCode, unitId, provinceId,
                status, authors.stream().filter(a -> a.confirmed).map(a -> a.memberId).toList(), submittedAt,
                recognizedAt(), endedAt, field == null ? null : field.name());
    }
}
