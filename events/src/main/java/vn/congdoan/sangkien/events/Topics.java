package vn.congdoan.sangkien.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {

    /** Compacted; key: unit id; value: {@link OrgUnitState}, the unit's full current state. */
    public static final String ORG_UNITS = "org-units.v1";

    /** Compacted; key: grouping id; value: {@link GroupingState}, a region or emulation cluster with its members. */
    public static final String GROUPINGS = "org-groupings.v1";

    /** Compacted; key: programme code; value: {@link ProgrammeState}, a programme with its phases and targets. */
    public static final String PROGRAMMES = "programmes.v1";

    /** Compacted; key: API key id; value: {@link ApiKeyState}. */
    public static final String API_KEYS = "api-keys.v1";

    /** Key: initiative id, so all events of one initiative stay in order; value: {@link InitiativeEvent}. */
    public static final String INITIATIVE_EVENTS = "initiative-events.v1";

    /** How a topic is created when it does not exist yet. */
    public record Spec(String name, int partitions, boolean compacted) {
    }

    /** The creation settings of one of our topics. */
    public static Spec spec(String name) {
        return switch (name) {
            case ORG_UNITS -> new Spec(ORG_UNITS, 3, true);
            case GROUPINGS -> new Spec(GROUPINGS, 1, true);
            case PROGRAMMES -> new Spec(PROGRAMMES, 1, true);
            case API_KEYS -> new Spec(API_KEYS, 1, true);
            case INITIATIVE_EVENTS -> new Spec(INITIATIVE_EVENTS, 6, false);
            default -> throw new IllegalArgumentException("Not one of our topics: " + name);
        };
    }

    private Topics() {
    }
}
