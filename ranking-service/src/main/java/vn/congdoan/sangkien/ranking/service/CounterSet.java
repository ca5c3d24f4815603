package vn.congdoan.sangkien.ranking.service;

/** Where a set of standings counters lives: the live tables, or the copies a rebuild fills and compares. */
public enum CounterSet {
    LIVE("public"),
    REBUILD("rebuild");

    private final String schema;

    CounterSet(String schema) {
        this.schema = schema;
    }

    /** {@code table} qualified with this set's schema. */
    public String table(String table) {
        return schema + "." + table;
    }
}
