package vn.congdoan.sangkien.ranking.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository.Programme;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;

/**
 * Units and programmes as every request below a province looks them up (the unit asked about, the chains above it and
 * above the caller's unit, the programme), read once per revision of the reference data: their writers move that
 * revision on, so a request finds them in memory until one of them changes something.
 */
@ApplicationScoped
public class ReferenceLookups {

    /** What a look-up found, under what it was asked by and the reference revision it was read at. */
    private record Key(String kind, Object asked, long reference) {
    }

    /** Enough for the units of many provinces' officers at once; each entry is a unit or a short chain of them. */
    private static final long ENTRIES = 20_000;

    private final UnitRepository units;
    private final ReferenceDataRepository reference;
    private final Revision revision;
    private final RevisionCache<Key, Object> found = new RevisionCache<>(ENTRIES, Duration.ofMinutes(10));

    public ReferenceLookups(UnitRepository units, ReferenceDataRepository reference, Revision revision) {
        this.units = units;
        this.reference = reference;
        this.revision = revision;
    }

    /** The unit by id or code, in force or the last one to have been. */
    public Optional<Unit> unit(String idOrCode) {
        return lookUp("unit", idOrCode, () -> units.find(idOrCode));
    }

    /** The unit and those above it, nearest first; empty for a unit not known. */
    public List<Unit> chain(UUID unit) {
        return lookUp("chain", unit, () -> units.chain(unit));
    }

    public Optional<Programme> programme(String code) {
        return lookUp("programme", code, () -> reference.programme(code));
    }

    @SuppressWarnings("unchecked")
    private <T> T lookUp(String kind, Object asked, Supplier<T> read) {
        long current = revision.current().reference();
        found.moveTo(current);
        Key key = new Key(kind, asked, current);
        Object value = found.get(key);
        if (value == null) {
            value = read.get();
            found.put(key, value);
        }
        return (T) value;
    }
}
