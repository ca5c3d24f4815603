package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.repository.CountedDaysRepository;
import vn.congdoan.sangkien.ranking.repository.LiveStandingsRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;

/** A programme's national figures, and the regions and emulation clusters its provinces are ranked within. */
@ApplicationScoped
public class ProgrammeService {

    /** The figures of a programme as a whole. */
    public record Summary(String programme, String name, LocalDate startDate, LocalDate endDate, LocalDate asOf,
            Long nationalTarget, long submissions, long submitters, long recognized, long thisWeek, long today,
            BigDecimal targetShare, Long daysElapsed, Long daysRemaining, int provinces, int provincesWithTarget,
            int provincesAtOrAboveTarget) {
    }

    /**
     * The figures of a programme, or of the provinces of a region or cluster, at the end of a day. A member counted
     * in several provinces is one submitter of the country; in a region or cluster, each province's submitters are
     * added.
     */
    public record SeriesPoint(LocalDate date, int provinces, long submissions, long submitters, long recognized,
            long thisWeek, long today) {
    }

    /** A programme's figures day after day, of the country or of a region or cluster. */
    public record Series(String programme, String region, String cluster, List<SeriesPoint> points) {
    }

    private record SeriesRequest(String programme, LocalDate from, LocalDate to, DailySeries.Step step, String region,
            String cluster) {
    }

    /** A region or emulation cluster in force today. */
    public record Grouping(String code, String name, GroupingKind kind) {
    }

    /** What a summary is kept under among the {@link Views}. */
    public record SummaryRequest(String programme, LocalDate day) {
    }

    private record GroupingsRequest(GroupingKind kind) {
    }

    private final LiveStandingsRepository live;
    private final ReferenceDataRepository reference;
    private final Views views;
    private final StandingsService standings;
    private final CountedDaysRepository counted;

    public ProgrammeService(LiveStandingsRepository live, ReferenceDataRepository reference, Views views,
            StandingsService standings, CountedDaysRepository counted) {
        this.live = live;
        this.reference = reference;
        this.views = views;
        this.standings = standings;
        this.counted = counted;
    }

    /**
     * The figures of a programme (or of a region or cluster's provinces) at the end of each day or week from
     * {@code from} (the programme's first day when null) to {@code to} (today when null), as sent to clients.
     */
    public View series(String programme, LocalDate from, LocalDate to, DailySeries.Step step, String region,
            String cluster) {
        standings.checkPeriod(programme, from, to);
        standings.validate(new StandingsService.Query(programme, Metric.SUBMISSIONS, region, cluster, null));
        return views.get(new SeriesRequest(programme, from, to, step, region, cluster),
                () -> Optional.of(computeSeries(programme, standings.firstDay(programme, from), to == null ? views.today()
                        : to, step, region, cluster))).orElseThrow();
    }

    private Series computeSeries(String programme, LocalDate from, LocalDate to, DailySeries.Step step,
            String region, String cluster) {
        Map<LocalDate, Long> nation = region == null && cluster == null ? counted.nationalSubmitters(programme, to)
                : null;
        long[] nationalSubmitters = { nation == null ? 0 : nation.entrySet().stream()
                .filter(e -> e.getKey().isBefore(from)).mapToLong(Map.Entry::getValue).sum() };
        List<SeriesPoint> points = new ArrayList<>();
        // the inputs up to today, which every history and series of the programme shares until the counts change
        DailySeries.walk(counted.inputs(programme, views.today()), from, to, day -> {
            if (nation != null) {
                nationalSubmitters[0] += nation.getOrDefault(day.day(), 0L);
            }
            if (!step.gives(day.day(), to)) {
                return;
            }
            List<ProvinceFigures> in = day.provinces().stream()
                    .filter(f -> region == null || f.regions().contains(region))
                    .filter(f -> cluster == null || f.clusters().contains(cluster)).toList();
            points.add(new SeriesPoint(day.day(), in.size(),
                    in.stream().mapToLong(ProvinceFigures::submissions).sum(),
                    nation != null ? nationalSubmitters[0] : in.stream().mapToLong(ProvinceFigures::submitters).sum(),
                    in.stream().mapToLong(ProvinceFigures::recognized).sum(),
                    in.stream().mapToLong(ProvinceFigures::thisWeek).sum(),
                    in.stream().mapToLong(ProvinceFigures::today).sum()));
        });
        return new Series(programme, region, cluster, points);
    }

    /**
     * The national figures of a programme as sent to clients, computed once per revision of the standings' inputs
     * and day: counting each submitter once reads every member counted in several provinces.
     */
    public Optional<View> summary(String programmeCode) {
        return summary(programmeCode, (LocalDate) null);
    }

    /** The national figures at the end of a day (null: today) as sent to clients. */
    public Optional<View> summary(String programmeCode, LocalDate day) {
        LocalDate today = views.today();
        if (day != null && day.isAfter(today)) {
            throw ProblemException.badRequest("asOf", Text.of("asOf " + day + " is in the future",
                    "asOf " + day + " nằm trong tương lai"));
        }
        LocalDate asOf = day == null ? today : day;
        return views.get(new SummaryRequest(programmeCode, day), () -> summary(programmeCode, asOf,
                asOf.isBefore(today)));
    }

    /** The groupings of a kind (every kind when null) in force today, as sent to clients. */
    public View groupings(GroupingKind kind) {
        return views.get(new GroupingsRequest(kind), () -> Optional.of(groupingsInForce().stream()
                .filter(g -> kind == null || g.kind() == kind).toList())).orElseThrow();
    }

    /** The groupings in force today, in Vietnamese order of their names. */
    public List<Grouping> groupingsInForce() {
        return reference.groupings(views.today()).stream()
                .map(g -> new Grouping(g.code(), g.name(), g.kind()))
                .sorted((a, b) -> VietnameseOrder.NAMES.compare(a.name(), b.name()))
                .toList();
    }

    private Optional<Summary> summary(String programmeCode, LocalDate today, boolean past) {
        return reference.programme(programmeCode).map(programme -> {
            LiveStandingsRepository.Live standings = live.liveWithSubmitters(programmeCode, today, past);
            List<ProvinceFigures> figures = standings.provinces();
            long submissions = figures.stream().mapToLong(ProvinceFigures::submissions).sum();
            return new Summary(programme.code(), programme.name(), programme.startDate(), programme.endDate(), today,
                    programme.nationalTarget(), submissions,
                    // a member who submitted in two provinces is one of the country's submitters
                    standings.submitters(),
                    figures.stream().mapToLong(ProvinceFigures::recognized).sum(),
                    figures.stream().mapToLong(ProvinceFigures::thisWeek).sum(),
                    figures.stream().mapToLong(ProvinceFigures::today).sum(),
                    StandingsMath.percent(submissions, programme.nationalTarget()),
                    programme.startDate() == null ? null
                            : StandingsMath.daysElapsed(programme.startDate(), programme.endDate(), today),
                    programme.startDate() == null ? null
                            : StandingsMath.daysRemaining(programme.startDate(), programme.endDate(), today),
                    figures.size(), (int) figures.stream().filter(f -> f.target() != null).count(),
                    (int) figures.stream().filter(ProvinceFigures::reachedTarget).count());
        });
    }
}
