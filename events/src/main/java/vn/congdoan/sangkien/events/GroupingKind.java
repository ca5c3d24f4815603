package vn.congdoan.sangkien.events;

/** Kinds of named sets of units. */
public enum GroupingKind {
    /** A traditional region (khu vực), e.g. Bắc Trung Bộ. */
    REGION,
    /** An emulation cluster (cụm thi đua): provinces that compete together; need not equal a region. */
    EMULATION_CLUSTER
}
