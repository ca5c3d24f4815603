package vn.congdoan.sangkien.ranking.service;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * The standings, the programme summary and the history. A standings response is computed once per revision of
 * its inputs and day, then served from memory: a read costs one lookup of the revision, whatever the number of
 * initiatives.
 */
@ApplicationScoped
public class StandingsService {

    /** Which standings to show. {@code region} and {@code cluster} are grouping codes; {@code date} null = today. */
    public record Query(String programme, Metric sort, String region, String cluster, LocalDate date) {
    }

    /** A standings response as sent: the JSON body, its strong entity tag and when it last changed (not rounded). */
    public record View(byte[] json, String etag, Instant changedAt) {
    }

    /** The figures of a programme as a whole. */
    public record Summary(String programme, String name, LocalDate startDate, LocalDate endDate, LocalDate asOf,
            Long nationalTarget, long submissions, long submitters, long recognized, long thisWeek, long today,
            BigDecimal targetShare, Long daysElapsed, Long daysRemaining, int provinces, int provincesWithTarget,
            int provincesAtOrAboveTarget) {
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

    /** The revision is part of the key: a view computed while the revision moved on is never served as newer. */
    private record CacheKey(Query query, LocalDate today, long revision) {
    }

    private record SummaryKey(String programme, LocalDate today, long revision) {
    }

    /** How many views, and how many summaries, are kept at most. */
    private static final int CACHE_LIMIT = 512;
    /** How long a view or a summary nobody asks for is kept. */
    private static final Duration CACHE_IDLE = Duration.ofMinutes(10);

    private final LiveStandingsRepository live;
    private final SnapshotRepository snapshots;
    private final HistoryRepository history;
    private final ReferenceDataRepository reference;
    private final Revision revision;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration settle;
    private final RevisionCache<CacheKey, View> views = new RevisionCache<>(CACHE_LIMIT, CACHE_IDLE);
    private final RevisionCache<SummaryKey, Summary> summaries = new RevisionCache<>(CACHE_LIMIT, CACHE_IDLE);

    public StandingsService(LiveStandingsRepository live, SnapshotRepository snapshots, HistoryRepository history,
            ReferenceDataRepository reference, Revision revision, DataSource dataSource, ObjectMapper json,
            Clock clock, RankingConfig config) {
        this.live = live;
        this.snapshots = snapshots;
        this.history = history;
        this.reference = reference;
        this.revision = revision;
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        // a read sees a change up to twice the revision's maximum age late; a second more covers the commit
        this.settle = Duration.ofSeconds(2).plus(config.revisionMaxAge().multipliedBy(2));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The standings as sent to clients, from memory when nothing changed since they were computed. */
    public View standings(Query query) {
        Revision.Current current = currentRevision();
        LocalDate today = today();
        CacheKey key = new CacheKey(query, today, current.revision());
        View view = views.get(key);
        if (view == null) {
            byte[] body = write(rows(query));
            Instant startOfDay = today.atStartOfDay(clock.getZone()).toInstant();
            Instant changed = current.changedAt().isAfter(startOfDay) ? current.changedAt() : startOfDay;
            view = new View(body, etag(body), changed);
            views.put(key, view);
        }
        return view;
    }

    /** The revision of the standings' inputs; what was computed for an earlier one is dropped. */
    private Revision.Current currentRevision() {
        Revision.Current current = revision.current();
        views.moveTo(current.revision());
        summaries.moveTo(current.revision());
        return current;
    }

    /**
     * The Last-Modified of a view: the second it changed in, once that second is over by more than the time a read
     * may take to see a later change. Until then there is none, because a client holding that second could not be
     * told apart from one that missed a change later in the same second (RFC 9110, 8.8.2.2); ETags serve meanwhile.
     */
    public Optional<Instant> lastModified(View view) {
        Instant second = view.changedAt().truncatedTo(ChronoUnit.SECONDS);
        return clock.instant().isBefore(second.plus(settle)) ? Optional.empty() : Optional.of(second);
    }

    /**
     * Whether nothing changed after the second of {@code since} (an If-Modified-Since, in whole seconds), compared
     * with the true change time; never while the view has no Last-Modified yet.
     */
    public boolean unchangedSince(View view, Instant since) {
        return lastModified(view).isPresent() && view.changedAt().isBefore(since.plusSeconds(1));
    }

    /**
     * The standings from memory, when the revision is known without asking the database and they were computed
     * for it: a read that never blocks. Empty when {@link #standings(Query)} must be called from a worker thread.
     */
    public Optional<View> cached(Query query) {
        Revision.Current current = revision.known();
        if (current == null || current.revision() != views.revision()) {
            return Optional.empty();
        }
        return Optional.ofNullable(views.get(new CacheKey(query, today(), current.revision())));
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
     * The national figures of a programme, computed once per revision of the standings' inputs and day: counting
     * each submitter once reads every member counted in several provinces.
     */
    public Optional<Summary> summary(String programmeCode) {
        Revision.Current current = currentRevision();
        LocalDate today = today();
        SummaryKey key = new SummaryKey(programmeCode, today, current.revision());
        Summary cached = summaries.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Summary> summary = summary(programmeCode, today);
        summary.ifPresent(s -> summaries.put(key, s));
        return summary;
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

    private byte[] write(List<StandingRow> rows) {
        try {
            return json.writeValueAsBytes(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the standings", e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
