package vn.congdoan.sangkien.events;

/** Lifecycle of an initiative; the counting rule of the standings lives here and nowhere else. */
public enum InitiativeStatus {
    DRAFT,
    SUBMITTED,
    UNDER_REVIEW,
    RECOGNIZED,
    NOT_RECOGNIZED,
    WITHDRAWN,
    DUPLICATE;

    /**
     * The counting rule: an initiative counts as one submission (lượt nộp), and its authors as submitters
     * (người đăng), from SUBMITTED on, until it is WITHDRAWN or marked DUPLICATE.
     */
    public boolean countsAsSubmission() {
        return switch (this) {
            case SUBMITTED, UNDER_REVIEW, RECOGNIZED, NOT_RECOGNIZED -> true;
            case DRAFT, WITHDRAWN, DUPLICATE -> false;
        };
    }

    public boolean countsAsRecognized() {
        return this == RECOGNIZED;
    }
}
