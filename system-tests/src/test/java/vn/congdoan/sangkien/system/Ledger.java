package vn.congdoan.sangkien.system;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import vn.congdoan.sangkien.events.InitiativeStatus;

/**
 * What the clients were told, by Idempotency-Key: every initiative they created and the status of its last
 * acknowledged change. The key is also in the initiative's title, so that the database can be counted by key.
 */
final class Ledger {

    /** One initiative as its client knows it. */
    static final class Entry {
        final String key;
        final Population.Unit unit;
        final String member;
        final String token;
        volatile UUID id;
        volatile InitiativeStatus status;

        Entry(String key, Population.Unit unit, String member, String token) {
            this.key = key;
            this.unit = unit;
            this.member = member;
            this.token = token;
        }

        boolean acknowledged() {
            return id != null;
        }
    }

    static final String TITLE_PREFIX = "Sáng kiến số ";

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    Entry open(Population.Unit unit, String member, String token) {
        Entry entry = new Entry(UUID.randomUUID().toString(), unit, member, token);
        entries.put(entry.key, entry);
        return entry;
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    long acknowledged() {
        return entries.values().stream().filter(Entry::acknowledged).count();
    }

    private long reportedLost;
    private long reportedTwice;

    /**
     * Adds to the summary what a check found beyond what earlier checks of this ledger found: a check sees every
     * initiative so far, and an initiative stored twice is one double count however many checks see it.
     */
    synchronized void report(long lost, long twice) {
        SystemSummary.LOST.addAndGet(Math.max(0, lost - reportedLost));
        SystemSummary.DOUBLE_COUNTED.addAndGet(Math.max(0, twice - reportedTwice));
        reportedLost = Math.max(reportedLost, lost);
        reportedTwice = Math.max(reportedTwice, twice);
    }

    static String title(String key) {
        return TITLE_PREFIX + key;
    }
}
