package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.CountedDaysRepository;
import vn.congdoan.sangkien.ranking.repository.LiveStandingsRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository.ProvinceRef;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.SnapshotRepository;

/** The standings, a province's row and its history, and the daily snapshots. */
@ApplicationScoped
public class StandingsService {

    /**
     * Which standings to show. {@code region} and {@code cluster} are grouping codes; {@code date} is the day at the
     * end of which to show them, null for today.
     */
    public record Query(String programme, Metric sort, String region, String cluster, LocalDate date) {
    }

    /** One day of a province's history: its row in the standings at the end of that day. */
    public record HistoryPoint(LocalDate date, int rank, long submissions, long submitters, long recognized,
            BigDecimal targetPercent, long thisWeek, long today) {
    }

    /** A province's history in a programme, with its runs at national rank 1 over every day up to today. */
    public record History(String programme, UUID provinceId, String code, String shortName, List<HistoryPoint> points,
            RankOneRuns.Run longestRunAtRank1, RankOneRuns.Run currentRunAtRank1) {
    }

    /**
     * The standings as they were published at the end of a day: what the counters held that night, kept as a record
     * even when late data has changed that day's figures since.
     */
    public record Published(String programme, LocalDate date, String note, List<StandingRow> rows) {
    }

    /** A snapshot that was taken. */
    public record SnapshotTaken(String programme, LocalDate date, int provinces) {
    }

    /** What a province's history is kept under among the {@link Views}. */
    private record HistoryRequest(String programme, String idOrCode, LocalDate from, LocalDate to,
            DailySeries.Step step) {
    }

    /** What a province's row is kept under among the {@link Views}. */
    private record ProvinceRequest(String programme, String idOrCode, Metric sort, LocalDate day) {
    }

    private final LiveStandingsRepository live;
    private final SnapshotRepository snapshots;
    private final CountedDaysRepository counted;
    private final ReferenceDataRepository reference;
    private final Revision revision;
    private final DataSource dataSource;
    private final Views views;

    public StandingsService(LiveStandingsRepository live, SnapshotRepository snapshots, CountedDaysRepository counted,
            ReferenceDataRepository reference, Revision revision, DataSource dataSource, Views views) {
        this.live = live;
        this.snapshots = snapshots;
        this.counted = counted;
        this.reference = reference;
        this.revision = revision;
        this.dataSource = dataSource;
        this.views = views;
    }

    public LocalDate today() {
        return views.today();
    }

    /** The standings as sent to clients, from memory when nothing changed since they were computed. */
    public View standings(Query query) {
        return views.get(query, () -> Optional.of(rows(query))).orElseThrow();
    }

    /**
     * The standings from memory, when that needs no database: a read that never blocks. Empty when
     * {@link #standings(Query)} must be called from a worker thread.
     */
    public Optional<View> cached(Query query) {
        return views.cached(query);
    }

    /**
     * The ranked rows of a query, filtered by region or cluster, from what has been counted: the standings at the end
     * of a past day are computed as those of today are, with the counts of that day and the memberships, merges and
     * targets in force then. Movements compare with the end of the day before and of the same day a week before,
     * from the programme's first day on.
     */
    public List<StandingRow> rows(Query query) {
        validate(query);
        LocalDate today = today();
        LocalDate day = query.date() == null ? today : query.date();
        LocalDate start = reference.programme(query.programme()).map(ReferenceDataRepository.Programme::startDate)
                .orElse(null);
        List<ProvinceFigures> figures;
        List<ProvinceFigures> yesterday;
        List<ProvinceFigures> lastWeek;
        if (day.isBefore(today)) {
            // a past day, and the two it moves from, from the counted days kept in memory
            Map<LocalDate, List<ProvinceFigures>> past = past(query.programme(), day);
            figures = past.get(day);
            yesterday = start != null && day.minusDays(1).isBefore(start) ? null : past.get(day.minusDays(1));
            lastWeek = start != null && day.minusDays(7).isBefore(start) ? null : past.get(day.minusDays(7));
        } else {
            figures = live.live(query.programme(), day, false);
            yesterday = earlier(query.programme(), day.minusDays(1), start);
            lastWeek = earlier(query.programme(), day.minusDays(7), start);
        }
        return StandingsCalculator.rank(figures, yesterday, lastWeek, query.sort(), query.region(), query.cluster())
                .stream()
                .filter(r -> query.region() == null || r.regions().contains(query.region()))
                .filter(r -> query.cluster() == null || r.clusters().contains(query.cluster()))
                .toList();
    }

    /**
     * The figures at the end of {@code day}, of the day before and of a week before, walked from the counted days;
     * where provinces have merged by then, a member counted in several of them is one submitter of their successor.
     */
    private Map<LocalDate, List<ProvinceFigures>> past(String programme, LocalDate day) {
        Set<LocalDate> wanted = Set.of(day, day.minusDays(1), day.minusDays(7));
        Map<LocalDate, List<ProvinceFigures>> past = new HashMap<>();
        DailySeries.walk(counted.inputs(programme, today()), day.minusDays(7), day, view -> {
            if (wanted.contains(view.day())) {
                past.put(view.day(), live.countingSharedSubmittersOnce(programme, view.day(), view.homes(),
                        view.provinces()));
            }
        });
        return past;
    }

    /** The standings at the end of an earlier day; null before the programme began, when there is nothing to move. */
    private List<ProvinceFigures> earlier(String programme, LocalDate day, LocalDate start) {
        return start != null && day.isBefore(start) ? null : live.live(programme, day, true);
    }

    /** Rejects what cannot be answered, naming the parameter at fault; cheap enough to run before a stream opens. */
    public void validate(Query query) {
        if (query.date() != null && query.date().isAfter(today())) {
            throw ProblemException.badRequest("date", future(query.date()));
        }
        requireGrouping("region", query.region(), GroupingKind.REGION);
        requireGrouping("cluster", query.cluster(), GroupingKind.EMULATION_CLUSTER);
        requireProgramme(query.programme());
    }

    /** The answer to a programme the service does not know, wherever it is asked for. */
    public static ProblemException unknownProgramme(String code) {
        return new ProblemException(ProblemType.NOT_FOUND, Text.of("Programme " + code + " does not exist",
                "Không có chương trình " + code), "programme");
    }

    private static Text future(LocalDate day) {
        return Text.of("date " + day + " is in the future", "ngày " + day + " nằm trong tương lai");
    }

    /** One province's row in the standings of a day (null: today), as sent to clients. */
    public Optional<View> provinceView(String programme, String idOrCode, Metric sort, LocalDate day) {
        return views.get(new ProvinceRequest(programme, idOrCode, sort, day),
                () -> province(programme, idOrCode, sort, day));
    }

    /** One province's row in the standings of a day (null: today). */
    public Optional<StandingRow> province(String programme, String idOrCode, Metric sort, LocalDate day) {
        Optional<ProvinceRef> province = reference.province(idOrCode);
        if (province.isEmpty()) {
            return Optional.empty();
        }
        return rows(new Query(programme, sort, null, null, day)).stream()
                .filter(r -> r.provinceId().equals(province.get().id()))
                .findFirst();
    }

    /** A province's history as sent to clients, computed once per revision of the standings' inputs and day. */
    public Optional<View> historyView(String programme, String idOrCode, LocalDate from, LocalDate to,
            DailySeries.Step step) {
        checkPeriod(programme, from, to);
        return views.get(new HistoryRequest(programme, idOrCode, from, to, step),
                () -> history(programme, idOrCode, from, to, step));
    }

    /**
     * A province's standings at the end of each day (or week) from {@code from} (the programme's first day when
     * null) to {@code to} (today when null), from what has been counted.
     */
    public Optional<History> history(String programme, String idOrCode, LocalDate from, LocalDate to,
            DailySeries.Step step) {
        checkPeriod(programme, from, to);
        return reference.province(idOrCode).map(p -> {
            LocalDate today = today();
            LocalDate first = firstDay(programme, from);
            LocalDate last = to == null ? today : to;
            List<HistoryPoint> points = new ArrayList<>();
            List<RankOneRuns.DayRank> ranks = new ArrayList<>();
            LocalDate start = firstDay(programme, null);
            UUID id = p.id();
            DailySeries.walk(counted.inputs(programme, today), start.isBefore(first) ? start : first, today, day -> {
                Integer rank = day.rank(id);
                if (rank == null) {
                    return;
                }
                boolean shown = !day.day().isBefore(first) && !day.day().isAfter(last) && step.gives(day.day(), last);
                ProvinceFigures f = day.figures(id);
                // a province leads only once it has a submission: before that, every province ties at the top
                ranks.add(new RankOneRuns.DayRank(day.day(), f.submissions() > 0 ? rank : 0));
                if (shown) {
                    points.add(new HistoryPoint(day.day(), rank, f.submissions(), f.submitters(), f.recognized(),
                            f.targetPercent(), f.thisWeek(), f.today()));
                }
            });
            RankOneRuns.Runs runs = RankOneRuns.of(ranks, today);
            return new History(programme, p.id(), p.code(), ProvinceNames.shortName(p.name()), points,
                    runs.longest(), runs.current());
        });
    }

    /** The first day of a series: {@code from}, or the programme's first day. */
    LocalDate firstDay(String programme, LocalDate from) {
        if (from != null) {
            return from;
        }
        return reference.programme(programme).map(ReferenceDataRepository.Programme::startDate)
                .orElse(today().minusYears(1));
    }

    /** Rejects a period that cannot be answered, naming the parameter at fault. */
    void checkPeriod(String programme, LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("from", Text.of("from " + from + " is after to " + to,
                    "from " + from + " sau to " + to));
        }
        if (to != null && to.isAfter(today())) {
            throw ProblemException.badRequest("to", future(to));
        }
        requireProgramme(programme);
    }

    /** The standings published for a day, as its snapshot keeps them; empty when none was taken. */
    public Optional<Published> published(String programme, LocalDate day) {
        requireProgramme(programme);
        return snapshots.snapshot(programme, day).map(figures -> new Published(programme, day,
                "As published at the end of that day; the standings of that day from what has been counted since are"
                        + " at /api/v1/standings?asOf=" + day,
                StandingsCalculator.rank(figures, null, null, Metric.SUBMISSIONS, null, null)));
    }

    /**
     * Keeps the standings at the end of {@code day}, as counted now, as what was published for that day.
     *
     * @param replace whether an existing snapshot of that day is replaced; the daily job keeps the first one
     * @return the snapshot, or empty when one existed and was kept
     */
    @Transactional
    public Optional<SnapshotTaken> takeSnapshot(String programme, LocalDate day, boolean replace) {
        if (day.isAfter(today())) {
            throw ProblemException.badRequest("date", future(day));
        }
        requireProgramme(programme);
        List<ProvinceFigures> figures = live.live(programme, day, day.isBefore(today()));
        try (Connection c = dataSource.getConnection()) {
            if (!snapshots.save(c, programme, day, figures, StandingsCalculator.submissionRanks(figures),
                    replace)) {
                return Optional.empty();
            }
            revision.bump(c);
            return Optional.of(new SnapshotTaken(programme, day, figures.size()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the snapshot: " + e.getMessage(), e);
        }
    }

    private void requireProgramme(String code) {
        if (reference.programme(code).isEmpty()) {
            throw unknownProgramme(code);
        }
    }

    private void requireGrouping(String param, String code, GroupingKind kind) {
        if (code != null && reference.groupingKind(code).filter(kind::equals).isEmpty()) {
            throw ProblemException.badRequest(param, Text.of("There is no " + kind.name().toLowerCase()
                    .replace('_', ' ') + " with code " + code, "Không có " + (kind == GroupingKind.REGION ? "khu vực"
                    : "cụm thi đua") + " mang mã " + code));
        }
    }
}
