package vn.congdoan.sangkien.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {

    /** Compacted; key: unit id; value: {@link OrgUnitState}, the unit's full current state. */
    public static final String ORG_UNITS = "org-units.v1";

    /** Compacted; key: grouping id; value: {@link GroupingState}, a region or emulation cluster with its members. */
    public static final String GROUPINGS = "org-groupings.v1";

    /**
     * Compacted; key: programme code; value: {@link ProgrammeState}, a programme with its phases and the targets set
     * nationally.
     */
    public static final String PROGRAMMES = "programmes.v1";

    /**
     * Compacted; key: {@code programme/phase/unitId} ({@link UnitTargetState#key}); value: {@link UnitTargetState},
     * the target of a unit below the provinces in one phase. One record per unit, so that the targets of every union
     * level (some 150,000 units) never have to fit in one record.
     */
    public static final String UNIT_TARGETS = "unit-targets.v1";

    /** Compacted; key: API key id; value: {@link ApiKeyState}. */
    public static final String API_KEYS = "api-keys.v1";

    /**
     * Key: the initiative's provincial federation id, so all events of one initiative (and of one province) stay in
     * order; value: {@link InitiativeEvent}. Kept for ever: the standings are rebuilt from its first offset.
     */
    public static final String INITIATIVE_EVENTS = "initiative-events.v1";

    /**
     * How a topic is created when it does not exist yet. Its partitions are the default; a deployment may give others
     * (service-kit's {@code TopicSettings}), and chooses the copies of each.
     */
    public record Spec(String name, int partitions, Cleanup cleanup) {
    }

    /** What the broker may delete: superseded values of a key (compacted), or nothing at all. */
    public enum Cleanup {
        COMPACT, KEEP_FOREVER
    }

    /** The creation settings of one of our topics. */
    public static Spec spec(String name) {
        return switch (name) {
            case ORG_UNITS -> new Spec(ORG_UNITS, 3, Cleanup.COMPACT);
            case GROUPINGS -> new Spec(GROUPINGS, 1, Cleanup.COMPACT);
            case PROGRAMMES -> new Spec(PROGRAMMES, 1, Cleanup.COMPACT);
            case UNIT_TARGETS -> new Spec(UNIT_TARGETS, 3, Cleanup.COMPACT);
            case API_KEYS -> new Spec(API_KEYS, 1, Cleanup.COMPACT);
            case INITIATIVE_EVENTS -> new Spec(INITIATIVE_EVENTS, 6, Cleanup.KEEP_FOREVER);
            default -> throw new IllegalArgumentException("Not one of our topics: " + name);
        };
    }

    private Topics() {
    }
}
