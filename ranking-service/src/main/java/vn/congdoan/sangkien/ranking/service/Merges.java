package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a province's counts stand on a day. Each initiative keeps the province it was submitted under, whatever
 * happens to the structure later; from the day a province merges into a successor, its counts stand in the
 * successor's row (through every later merge of that successor). Before that day, both stand apart.
 */
public final class Merges {

    /** A province's validity and, once merged, its successor. */
    public record Succession(UUID provinceId, LocalDate validFrom, LocalDate validTo, UUID successorId) {

        boolean inForceOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
        }

        boolean mergedBy(LocalDate day) {
            return successorId != null && validTo != null && !day.isBefore(validTo);
        }
    }

    private Merges() {
    }

    /**
     * @return for each province whose counts stand somewhere on {@code day}, the province in force they stand in:
     *         itself when in force, its successor (or theirs) when merged; a province ended without a successor,
     *         or not yet in force, has none
     */
    public static Map<UUID, UUID> homes(Collection<Succession> provinces, LocalDate day) {
        Map<UUID, Succession> byId = provinces.stream()
                .collect(Collectors.toMap(Succession::provinceId, Function.identity()));
        Map<UUID, UUID> homes = new HashMap<>();
        for (Succession province : provinces) {
            Succession at = province;
            Set<UUID> seen = new HashSet<>();
            while (at != null && !at.inForceOn(day) && at.mergedBy(day) && seen.add(at.provinceId())) {
                at = byId.get(at.successorId());
            }
            if (at != null && at.inForceOn(day)) {
                homes.put(province.provinceId(), at.provinceId());
            }
        }
        return homes;
    }

    /** The homes that hold the counts of more than one province on the day, each with those provinces. */
    public static Map<UUID, List<UUID>> mergedGroups(Map<UUID, UUID> homes) {
        Map<UUID, List<UUID>> groups = new HashMap<>();
        homes.forEach((province, home) -> groups.computeIfAbsent(home, k -> new ArrayList<>()).add(province));
        groups.values().removeIf(members -> members.size() < 2);
        return groups;
    }

    /**
     * The figures of the provinces in force, each with the counts of the provinces merged into it added.
     *
     * @param sharedSubmitters per home, how many of its submitters are counted in more than one of its provinces
     *                         beyond the first: subtracted, so that a member counts once in the home's row
     */
    public static List<ProvinceFigures> fold(List<ProvinceFigures> figures, Map<UUID, UUID> homes,
            Map<UUID, Long> sharedSubmitters) {
        Map<UUID, ProvinceFigures> folded = new LinkedHashMap<>();
        for (ProvinceFigures f : figures) {
            if (f.provinceId().equals(homes.get(f.provinceId()))) {
                folded.put(f.provinceId(), f);
            }
        }
        for (ProvinceFigures f : figures) {
            UUID home = homes.get(f.provinceId());
            if (home != null && !home.equals(f.provinceId()) && folded.containsKey(home)) {
                folded.computeIfPresent(home, (id, into) -> add(into, f));
            }
        }
        sharedSubmitters.forEach((home, shared) -> folded.computeIfPresent(home, (id, f) -> new ProvinceFigures(
                f.provinceId(), f.code(), f.name(), f.memberCount(), f.submissions(),
                Math.max(0, f.submitters() - shared), f.recognized(), f.target(), f.thisWeek(), f.today(),
                f.regions(), f.clusters())));
        return List.copyOf(folded.values());
    }

    /** {@code into}'s identity, target and groupings with the counts of both. */
    private static ProvinceFigures add(ProvinceFigures into, ProvinceFigures merged) {
        return new ProvinceFigures(into.provinceId(), into.code(), into.name(), into.memberCount(),
                into.submissions() + merged.submissions(), into.submitters() + merged.submitters(),
                into.recognized() + merged.recognized(), into.target(), into.thisWeek() + merged.thisWeek(),
                into.today() + merged.today(), into.regions(), into.clusters());
    }
}
