package vn.congdoan.sangkien.ranking.service;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Weigher;

import vn.congdoan.sangkien.kit.cache.Caches;

/**
 * What was computed from the standings' inputs, kept while their revision stands. It holds a bounded number of
 * entries: clients varying a parameter (a past {@code date}, a sort, a region) push out the least used ones, one at
 * a time, not the whole cache; an entry no longer asked for expires. When the revision moves on, everything computed
 * for the old one is dropped at once.
 *
 * @param <K> the key, which names the revision it was computed at: a value computed while the revision moved on is
 *            never served as a newer one
 */
final class RevisionCache<K, V> {

    private final Cache<K, V> entries;
    private volatile long revision = -1;

    RevisionCache(long maximumSize, Duration idle) {
        this.entries = Caches.builder().maximumSize(maximumSize).expireAfterAccess(idle).build();
    }

    /**
     * A cache bounded by the weight of its entries rather than their number: what it holds then stays within a
     * share of the heap however large each entry (a two-year history, every grassroots union of a province).
     */
    RevisionCache(long maximumWeight, Weigher<K, V> weigher, Duration idle) {
        this.entries = Caches.builder().maximumWeight(maximumWeight).weigher(weigher).expireAfterAccess(idle)
                .build();
    }

    /** The revision the entries were computed at; -1 before any. */
    long revision() {
        return revision;
    }

    /** Drops everything computed for another revision than {@code current}. */
    void moveTo(long current) {
        if (current != revision) {
            entries.invalidateAll();
            revision = current;
        }
    }

    V get(K key) {
        return entries.getIfPresent(key);
    }

    void put(K key, V value) {
        entries.put(key, value);
    }

    /** How many entries are kept, once pending evictions have run. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
