package vn.congdoan.sangkien.submission;

/** Who may read an initiative's content; every initiative counts in the standings whatever its visibility. */
public enum Visibility {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL
}
