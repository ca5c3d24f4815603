package vn.congdoan.sangkien.kit.security;

/** The roles of the API; a role applies to the subtree of the caller's unit. */
public final class Roles {

    /** A union member: submits initiatives, sees and withdraws their own. */
    public static final String MEMBER = "MEMBER";
    /** Manages initiatives and lower units in the subtree of their unit. */
    public static final String UNIT_ADMIN = "UNIT_ADMIN";
    /** The evaluation council of their subtree. */
    public static final String REVIEWER = "REVIEWER";
    /** A provincial IT system: bulk import and export for its province only. */
    public static final String PROVINCE_INTEGRATION = "PROVINCE_INTEGRATION";
    /** Everything, everywhere. */
    public static final String NATIONAL_ADMIN = "NATIONAL_ADMIN";

    private Roles() {
    }
}
