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

    /** What a walk shows of each day, while that day is visited: its figures are gone once the visit returns. */
    public interface Visitor {
        void visit(DayView day);
    }

    /**
     * The standings at the end of one day of a walk. Only what is asked for is worked out: a history asks every
     * day for one province's rank, and for its figures on the days it shows; a series asks for every province on the
     * days it shows.
     */
    public static final class DayView {

        private final Inputs inputs;
        private final Reference reference;
        private final LocalDate day;
        private final Map<UUID, long[]> running;
        private final Map<UUID, long[]> week;
        private final Map<UUID, Long> today;
        private Map<UUID, Long> submissions;
        private long[] sorted;

        private DayView(Inputs inputs, Reference reference, LocalDate day, Map<UUID, long[]> running,
                Map<UUID, long[]> week, Map<UUID, Long> today) {
            this.inputs = inputs;
            this.reference = reference;
            this.day = day;
            this.running = running;
            this.week = week;
            this.today = today;
        }

        public LocalDate day() {
            return day;
        }

        /** Where the counts of each province stand that day: itself, its successor, or nowhere (left out). */
        public Map<UUID, UUID> homes() {
            return reference.homes();
        }

        /** The national rank on submissions (1, 2, 2, 4) of a province in force that day; null otherwise. */
        public Integer rank(UUID province) {
            if (submissions == null) {
                submissions = new HashMap<>();
                for (Map.Entry<UUID, List<UUID>> home : reference.members().entrySet()) {
                    long sum = 0;
                    for (UUID member : home.getValue()) {
                        sum += running.getOrDefault(member, NONE)[0];
                    }
                    submissions.put(home.getKey(), sum);
                }
                sorted = submissions.values().stream().mapToLong(Long::longValue).sorted().toArray();
            }
            Long own = submissions.get(province);
            return own == null ? null : sorted.length - upperBound(sorted, own) + 1;
        }

        /** A province's figures that day, with those of the provinces merged into it; null when not in force. */
        public ProvinceFigures figures(UUID province) {
            List<UUID> members = reference.members().get(province);
            Province p = reference.provinces().get(province);
            if (members == null || p == null) {
                return null;
            }
            long sub = 0;
            long rec = 0;
            long who = 0;
            long thisWeek = 0;
            long onTheDay = 0;
            for (UUID member : members) {
                long[] r = running.getOrDefault(member, NONE);
                sub += r[0];
                rec += r[1];
                who += r[2];
                thisWeek += week.getOrDefault(member, NONE)[0];
                onTheDay += today.getOrDefault(member, 0L);
            }
            return new ProvinceFigures(p.id(), p.code(), p.name(), p.memberCount(), sub, who, rec,
                    reference.targets().get(province), thisWeek, onTheDay, reference.regions().get(province),
                    reference.clusters().get(province));
        }

        /** Every province in force that day, in the order of the inputs. */
        public List<ProvinceFigures> provinces() {
            List<ProvinceFigures> figures = new ArrayList<>(reference.members().size());
            for (Province p : inputs.provinces()) {
                if (reference.members().containsKey(p.id())) {
                    figures.add(figures(p.id()));
                }
            }
            return figures;
        }

        /** National ranks on submissions of every province in force. */
        public Map<UUID, Integer> ranks() {
            Map<UUID, Integer> ranks = new HashMap<>();
            reference.members().keySet().forEach(id -> ranks.put(id, rank(id)));
            return ranks;
        }
    }

    private static final long[] NONE = new long[3];

    /**
     * The standings at the end of each day from {@code from} to {@code to}, each computed from every change up to
     * it.
     */
    public static List<Day> days(Inputs inputs, LocalDate from, LocalDate to) {
        List<Day> days = new ArrayList<>();
        walk(inputs, from, to, view -> days.add(new Day(view.day(), view.provinces(), view.ranks())));
        return days;
    }

    /**
     * Visits the end of each day from {@code from} to {@code to}, adding each day's changes to the running figures.
     * What depends on the reference data alone (merges, memberships, the phase's targets) is worked out again only
     * on the days it changes.
     */
    public static void walk(Inputs inputs, LocalDate from, LocalDate to, Visitor visitor) {
        Map<UUID, long[]> running = new HashMap<>();
        Map<UUID, long[]> week = new HashMap<>();
        List<Merges.Succession> successions = inputs.provinces().stream().map(Province::succession).toList();
        Set<LocalDate> turns = turningDays(inputs);
        Reference reference = null;
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
            visitor.visit(new DayView(inputs, reference, day, running, week, today));
        }
    }

    /**
     * What the reference data makes of a day: where each province's counts stand, the provinces whose counts each
     * province in force holds (itself first), its groupings, its target.
     */
    private record Reference(Map<UUID, UUID> homes, Map<UUID, List<UUID>> members, Map<UUID, Province> provinces,
            Map<UUID, List<String>> regions, Map<UUID, List<String>> clusters, Map<UUID, Long> targets) {

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
            Map<UUID, UUID> homes = Merges.homes(successions, day);
            Map<UUID, List<UUID>> members = new HashMap<>();
            Map<UUID, Province> provinces = new HashMap<>();
            for (Province p : inputs.provinces()) {
                provinces.put(p.id(), p);
                if (p.id().equals(homes.get(p.id()))) {
                    members.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(0, p.id());
                }
            }
            homes.forEach((province, home) -> {
                if (!province.equals(home) && members.containsKey(home)) {
                    members.get(home).add(province);
                }
            });
            return new Reference(homes, members, provinces, regions, clusters, targets);
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
