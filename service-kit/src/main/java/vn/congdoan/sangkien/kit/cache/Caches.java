package vn.congdoan.sangkien.kit.cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How this project builds its in-memory caches. */
public final class Caches {

    private Caches() {
    }

    /**
     * A Caffeine builder whose upkeep (eviction, expiry, its read and write buffers) runs on the thread that uses the
     * cache, a little at a time. Caffeine's default hands that upkeep to the common fork-join pool: on a request path
     * that is a hand-over to another thread, and a wake-up of it, many times a second for work smaller than the
     * hand-over (see benchmarks/FINDINGS.md, "The write path's CPU"). A cache that refreshes in the background on an
     * executor of its own is built by Caffeine's own builder: a builder takes one executor.
     */
    public static Caffeine<Object, Object> builder() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
