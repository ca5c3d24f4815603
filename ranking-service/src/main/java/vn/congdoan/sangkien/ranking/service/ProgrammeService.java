package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.GroupingKind;
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

    /** A region or emulation cluster in force today. */
    public record Grouping(String code, String name, GroupingKind kind) {
    }

    /** What a summary is kept under among the {@link Views}. */
    public record SummaryRequest(String programme) {
    }

    private record GroupingsRequest(GroupingKind kind) {
    }

    private final LiveStandingsRepository live;
    private final ReferenceDataRepository reference;
    private final Views views;

    public ProgrammeService(LiveStandingsRepository live, ReferenceDataRepository reference, Views views) {
        this.live = live;
        this.reference = reference;
        this.views = views;
    }

    /**
     * The national figures of a programme as sent to clients, computed once per revision of the standings' inputs
     * and day: counting each submitter once reads every member counted in several provinces.
     */
    public Optional<View> summary(String programmeCode) {
        return views.get(new SummaryRequest(programmeCode), () -> summary(programmeCode, views.today()));
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

    private Optional<Summary> summary(String programmeCode, LocalDate today) {
        return reference.programme(programmeCode).map(programme -> {
            LiveStandingsRepository.Live standings = live.liveWithSubmitters(programmeCode, today);
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
