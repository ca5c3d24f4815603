package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.HistoryRepository;
import vn.congdoan.sangkien.ranking.repository.HistoryRepository.SnapshotPoint;
import vn.congdoan.sangkien.ranking.repository.LiveStandingsRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository.ProvinceRef;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.repository.SnapshotRepository;

/** The standings, a province's row and its history, and the daily snapshots. */
@ApplicationScoped
public class StandingsService {

    /** Which standings to show. {@code region} and {@code cluster} are grouping codes; {@code date} null = today. */
    public record Query(String programme, Metric sort, String region, String cluster, LocalDate date) {
    }

    /** One day of a province's history, from that day's snapshot. */
    public record HistoryPoint(LocalDate date, int rank, long submissions, long submitters, long recognized,
            BigDecimal targetPercent, long thisWeek, long today) {
    }

    /** A province's history in a programme, with its runs at national rank 1 over every snapshot. */
    public record History(String programme, UUID provinceId, String code, String shortName, List<HistoryPoint> points,
            RankOneRuns.Run longestRunAtRank1, RankOneRuns.Run currentRunAtRank1) {
    }

    /** A snapshot that was taken. */
    public record SnapshotTaken(String programme, LocalDate date, int provinces) {
    }

    /** What a province's row is kept under among the {@link Views}. */
    private record ProvinceRequest(String programme, String idOrCode, Metric sort) {
    }

    private final LiveStandingsRepository live;
    private final SnapshotRepository snapshots;
    private final HistoryRepository history;
    private final ReferenceDataRepository reference;
    private final Revision revision;
    private final DataSource dataSource;
    private final Views views;

    public StandingsService(LiveStandingsRepository live, SnapshotRepository snapshots, HistoryRepository history,
            ReferenceDataRepository reference, Revision revision, DataSource dataSource, Views views) {
        this.live = live;
        this.snapshots = snapshots;
        this.history = history;
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

    /** The ranked rows of a query, filtered by region or cluster. */
    public List<StandingRow> rows(Query query) {
        validate(query);
        LocalDate today = today();
        LocalDate day = query.date() == null ? today : query.date();
        List<ProvinceFigures> figures = day.equals(today) ? live.live(query.programme(), today)
                : snapshots.snapshot(query.programme(), day).orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, Text.of("No snapshot of " + query.programme() + " was taken for " + day,
                                "Không có ảnh chụp bảng xếp hạng " + query.programme() + " cho ngày " + day), "date"));
        List<ProvinceFigures> yesterday = snapshots.snapshot(query.programme(), day.minusDays(1)).orElse(null);
        List<ProvinceFigures> lastWeek = snapshots.snapshot(query.programme(), day.minusDays(7)).orElse(null);
        return StandingsCalculator.rank(figures, yesterday, lastWeek, query.sort(), query.region(), query.cluster())
                .stream()
                .filter(r -> query.region() == null || r.regions().contains(query.region()))
                .filter(r -> query.cluster() == null || r.clusters().contains(query.cluster()))
                .toList();
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

    /** One province's row in today's standings, as sent to clients. */
    public Optional<View> provinceView(String programme, String idOrCode, Metric sort) {
        return views.get(new ProvinceRequest(programme, idOrCode, sort), () -> province(programme, idOrCode, sort));
    }

    /** One province's row in today's standings. */
    public Optional<StandingRow> province(String programme, String idOrCode, Metric sort) {
        Optional<ProvinceRef> province = reference.province(idOrCode);
        if (province.isEmpty()) {
            return Optional.empty();
        }
        return rows(new Query(programme, sort, null, null, null)).stream()
                .filter(r -> r.provinceId().equals(province.get().id()))
                .findFirst();
    }

    public Optional<History> history(String programme, String idOrCode, LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("from", Text.of("from " + from + " is after to " + to,
                    "from " + from + " sau to " + to));
        }
        requireProgramme(programme);
        return reference.province(idOrCode).map(p -> {
            List<HistoryPoint> points = history.history(programme, p.id(),
                    from == null ? LocalDate.of(1900, 1, 1) : from, to == null ? today() : to).stream()
                    .map(StandingsService::point).toList();
            LocalDate latest = snapshots.latestDay(programme).orElse(null);
            RankOneRuns.Runs runs = RankOneRuns.of(history.ranks(programme, p.id()), latest);
            return new History(programme, p.id(), p.code(), ProvinceNames.shortName(p.name()), points,
                    runs.longest(), runs.current());
        });
    }

    /**
     * Keeps the live counts as the standings at the end of {@code day}.
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
        List<ProvinceFigures> figures = live.live(programme, day);
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

    private static HistoryPoint point(SnapshotPoint p) {
        return new HistoryPoint(p.day(), p.rank(), p.submissions(), p.submitters(), p.recognized(),
                StandingsMath.percent(p.submissions(), p.target()), p.weekSubmissions(), p.daySubmissions());
    }
}
