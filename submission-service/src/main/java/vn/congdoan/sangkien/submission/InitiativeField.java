package vn.congdoan.sangkien.submission;

/** The field (lĩnh vực) an initiative belongs to. */
public enum InitiativeField {
    PRODUCTION_TECHNICAL,
    MANAGEMENT_ADMINISTRATION,
    HEALTHCARE,
    EDUCATION,
    DIGITAL_TRANSFORMATION,
    OCCUPATIONAL_SAFETY,
    EPIDEMIC_RESPONSE,
    OTHER
}
