package vn.congdoan.sangkien.ranking.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import vn.congdoan.sangkien.events.GroupingKind;

/**
 * The standings at the end of every day, walked from the first counted day: each day's changes are added to the
 * running figures of its provinces, and the provinces in force that day, with the merges, memberships and the
 * targets of the phase current then, are ranked as the standings of that day would be. The submitters of merged
 * provinces are summed here, where the standings of one day count a member in both of them once.
 */
public final class DailySeries {

    /** A province as the series needs it. */
    public record Province(UUID id, String code, String name, Integer memberCount, Merges.Succession succession) {
    }

    /** A province's membership of a region or emulation cluster, from {@code validFrom} until before {@code validTo}. */
    public record Membership(UUID unitId, GroupingKind kind, String code, LocalDate validFrom, LocalDate validTo) {

        boolean inForceOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
        }
    }

    /** The changes of a province's figures on a day. */
    public record DayChange(LocalDate day, UUID provinceId, long submissions, long recognized, long submitters) {
    }

    /**
     * What a series is computed from.
     *
     * @param targets per phase code, the provinces' targets
     * @param changes ordered by day
     */
    public record Inputs(List<Province> provinces, List<Membership> memberships, List<Phases.Phase> phases,
            Map<String, Map<UUID, Long>> targets, List<DayChange> changes) {
    }

    /** The standings at the end of a day: every province in force, with its national rank on submissions. */
    public record Day(LocalDate day, List<ProvinceFigures> provinces, Map<UUID, Integer> ranks) {
    }

    /** How often a series gives a point. */
    public enum Step {
        DAY, WEEK;

        /** Whether {@code day} gives a point: every day, or the last day of each week and the last day asked. */
        public boolean gives(LocalDate day, LocalDate last) {
            return this == DAY || day.getDayOfWeek() == DayOfWeek.SUNDAY || day.equals(last);
        }
    }

    private DailySeries() {
    }

    /**
     * The standings at the end of each day from {@code from} to {@code to}, each computed from every change up to
     * it. What depends on the reference data alone (merges, memberships, the phase's targets) is worked out again
     * only on the days it changes.
     */
    public static List<Day> days(Inputs inputs, LocalDate from, LocalDate to) {
        Map<UUID, long[]> running = new HashMap<>();
        Map<UUID, long[]> week = new HashMap<>();
        List<Merges.Succession> successions = inputs.provinces().stream().map(Province::succession).toList();
        Set<LocalDate> turns = turningDays(inputs);
        Reference reference = null;
        List<Day> days = new ArrayList<>();
        int next = 0;
        List<DayChange> changes = inputs.changes();
        LocalDate day = changes.isEmpty() || changes.get(0).day().isAfter(from) ? from : changes.get(0).day();
        for (; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.MONDAY) {
                week.clear();
            }
            Map<UUID, Long> today = new HashMap<>();
            for (; next < changes.size() && !changes.get(next).day().isAfter(day); next++) {
                DayChange c = changes.get(next);
                long[] r = running.computeIfAbsent(c.provinceId(), k -> new long[3]);
                r[0] += c.submissions();
                r[1] += c.recognized();
                r[2] += c.submitters();
                if (c.day().equals(day)) {
                    today.merge(c.provinceId(), c.submissions(), Long::sum);
                    week.computeIfAbsent(c.provinceId(), k -> new long[1])[0] += c.submissions();
                }
            }
            if (day.isBefore(from)) {
                continue;
            }
            if (reference == null || turns.contains(day)) {
                reference = Reference.on(inputs, successions, day);
            }
            days.add(standingsOn(inputs, reference, day, running, week, today));
        }
        return days;
    }

    /** What the reference data makes of a day: where each province's counts stand, its groupings, its target. */
    private record Reference(Map<UUID, UUID> homes, Map<UUID, List<String>> regions,
            Map<UUID, List<String>> clusters, Map<UUID, Long> targets) {

        static Reference on(Inputs inputs, List<Merges.Succession> successions, LocalDate day) {
            Map<UUID, List<String>> regions = new HashMap<>();
            Map<UUID, List<String>> clusters = new HashMap<>();
            for (Membership m : inputs.memberships()) {
                if (m.inForceOn(day)) {
                    (m.kind() == GroupingKind.REGION ? regions : clusters)
                            .computeIfAbsent(m.unitId(), k -> new ArrayList<>()).add(m.code());
                }
            }
            // copied once here rather than by every day's figures
            regions.replaceAll((unit, codes) -> List.copyOf(codes));
            clusters.replaceAll((unit, codes) -> List.copyOf(codes));
            Map<UUID, Long> targets = Phases.current(inputs.phases(), day)
                    .map(p -> inputs.targets().getOrDefault(p.code(), Map.of())).orElse(Map.of());
            return new Reference(Merges.homes(successions, day), regions, clusters, targets);
        }
    }

    /** The days on which a province, a membership or a phase begins or ends. */
    private static Set<LocalDate> turningDays(Inputs inputs) {
        Set<LocalDate> days = new HashSet<>();
        for (Province p : inputs.provinces()) {
            addIfKnown(days, p.succession().validFrom());
            addIfKnown(days, p.succession().validTo());
        }
        for (Membership m : inputs.memberships()) {
            addIfKnown(days, m.validFrom());
            addIfKnown(days, m.validTo());
        }
        for (Phases.Phase phase : inputs.phases()) {
            addIfKnown(days, phase.startDate());
            addIfKnown(days, phase.endDate() == null ? null : phase.endDate().plusDays(1));
        }
        return days;
    }

    private static void addIfKnown(Set<LocalDate> days, LocalDate day) {
        if (day != null) {
            days.add(day);
        }
    }

    private static Day standingsOn(Inputs inputs, Reference reference, LocalDate day, Map<UUID, long[]> running,
            Map<UUID, long[]> week, Map<UUID, Long> today) {
        List<ProvinceFigures> figures = new ArrayList<>(inputs.provinces().size());
        long[] none = new long[3];
        for (Province p : inputs.provinces()) {
            if (!reference.homes().containsKey(p.id())) {
                continue;
            }
            long[] r = running.getOrDefault(p.id(), none);
            long[] w = week.getOrDefault(p.id(), none);
            figures.add(new ProvinceFigures(p.id(), p.code(), p.name(), p.memberCount(), r[0], r[2], r[1],
                    reference.targets().get(p.id()), w[0], today.getOrDefault(p.id(), 0L),
                    reference.regions().get(p.id()), reference.clusters().get(p.id())));
        }
        List<ProvinceFigures> folded = Merges.fold(figures, reference.homes(), Map.of());
        return new Day(day, folded, submissionRanks(folded));
    }

    /**
     * National ranks on submissions (1, 2, 2, 4), as {@link StandingsCalculator#submissionRanks} gives them, without
     * putting ties in alphabetical order: a series ranks every day of years, and needs the ranks alone.
     */
    static Map<UUID, Integer> submissionRanks(List<ProvinceFigures> figures) {
        long[] sorted = figures.stream().mapToLong(ProvinceFigures::submissions).sorted().toArray();
        Map<UUID, Integer> ranks = new HashMap<>(figures.size() * 2);
        for (ProvinceFigures f : figures) {
            // 1 + how many have more: the first index past the last equal value, from the top
            int above = sorted.length - upperBound(sorted, f.submissions());
            ranks.put(f.provinceId(), above + 1);
        }
        return ranks;
    }

    /** The index of the first value greater than {@code value} in an ascending array. */
    private static int upperBound(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
