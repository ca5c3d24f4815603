package vn.congdoan.sangkien.ranking.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;

import vn.congdoan.sangkien.kit.cache.Caches;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * The {@link Subtree}s of the units whose standings were asked for lately, each kept up to date when asked for again:
 * a read after a submission then costs the initiatives written since the last one, not every initiative of a
 * province. A subtree of more than {@link #MAX_UNITS} units (the confederation's) is not held; its standings are
 * counted in the database.
 */
@ApplicationScoped
public class Subtrees {

    /** Units below a root beyond which its initiatives are counted in the database rather than held. */
    static final int MAX_UNITS = 20_000;
    /**
     * Initiatives, members and units held in all subtrees together: a bound on their share of the heap, about twice
     * the largest province's.
     */
    private static final long MAX_WEIGHT = 80_000;
    /** Initiatives written since a subtree was brought up to date beyond which it is read again whole. */
    private static final int MAX_WRITTEN = 20_000;

    private record Key(String programme, UUID root) {
    }

    /** A root found too large to hold, at a revision of the reference data. */
    private record TooLarge(UUID root, long reference) {
    }

    private final UnitRepository units;
    private final UnitFiguresRepository figures;
    private final Cache<Key, Subtree> held = Caches.builder().maximumWeight(MAX_WEIGHT)
            .weigher((Key k, Subtree s) -> s.weight()).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Set<TooLarge> tooLarge = ConcurrentHashMap.newKeySet();

    public Subtrees(UnitRepository units, UnitFiguresRepository figures) {
        this.units = units;
        this.figures = figures;
    }

    /**
     * The subtree of {@code root} with every initiative written by the time {@code current} was read; empty when it
     * is too large to hold.
     */
    Optional<Subtree> of(String programme, Unit root, Revision.Current current) {
        if (tooLarge.contains(new TooLarge(root.id(), current.reference()))) {
            return Optional.empty();
        }
        Key key = new Key(programme, root.id());
        Subtree subtree = held.getIfPresent(key);
        if (subtree != null && subtree.reference < current.reference()) {
            held.invalidate(key);
            subtree = null;
        }
        if (subtree == null) {
            subtree = held.get(key, k -> read(programme, root, current));
            if (subtree == null) {
                return Optional.empty();
            }
        }
        if (subtree.revision() < current.revision()) {
            int weight = subtree.weight();
            Optional<UnitFiguresRepository.Read> written = figures.writtenSince(programme, subtree.from(),
                    MAX_WRITTEN);
            if (written.isEmpty()) {
                held.invalidate(key);
                return Optional.ofNullable(held.get(key, k -> read(programme, root, current)));
            }
            subtree.update(current.revision(), written.get().from(), written.get().initiatives());
            if (subtree.weight() > weight + weight / 8) {
                // weighed again as it grows
                held.asMap().replace(key, subtree, subtree);
            }
        }
        return Optional.of(subtree);
    }

    /** Reads a subtree whole; null when too large to hold, which is then remembered until the units change. */
    private Subtree read(String programme, Unit root, Revision.Current current) {
        List<Unit> below = units.below(root.id());
        if (below.size() > MAX_UNITS) {
            tooLarge.removeIf(t -> t.reference() < current.reference());
            tooLarge.add(new TooLarge(root.id(), current.reference()));
            return null;
        }
        UnitFiguresRepository.Read read = figures.counted(programme, below.stream().map(Unit::id).toList());
        return new Subtree(current.reference(), current.revision(), below, read.from(), read.initiatives());
    }
}
