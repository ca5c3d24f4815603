package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.client.InitiativeTitles;
import vn.congdoan.sangkien.ranking.client.InitiativeTitles.Credentials;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository.By;
import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository.Group;
import vn.congdoan.sangkien.ranking.repository.UnitRepository;
import vn.congdoan.sangkien.ranking.repository.UnitRepository.Unit;
import vn.congdoan.sangkien.ranking.service.UnitStandings.UnitRef;
import vn.congdoan.sangkien.ranking.service.UnitStandings.UnitRow;

/** Breakdowns by field and sector, and the report of a period for a standing committee. */
@ApplicationScoped
public class UnitReports {

    /** The key of a group whose initiatives (field) or units (sector) have none set. */
    public static final String NOT_SET = "NOT_SET";
    /** How many units the report names among the movers and the most active. */
    static final int TOP = 10;
    /** How many newly recognised initiatives a report lists at most. */
    static final int RECOGNIZED_LIMIT = 200;

    /** Counts by field or sector over a period. */
    public record Breakdown(String programme, UnitRef unit, By by, LocalDate from, LocalDate to, List<Group> groups) {
    }

    /** What a breakdown is kept under among the {@link Views}. */
    private record BreakdownRequest(String programme, UUID unit, By by, LocalDate from, LocalDate to) {
    }

    /**
     * A unit's line in a report.
     *
     * @param inPeriod      net change of its submissions over the period
     * @param rankBefore    its rank at the end of the day before the period; null when it was not ranked then
     * @param placesGained  places gained over the period; null without {@code rankBefore}
     */
    public record ReportRow(int rank, UUID unitId, String code, String name, OrgUnitType type, long submissions,
            long recognized, Long target, java.math.BigDecimal targetPercent, long inPeriod, Integer rankBefore,
            Integer placesGained) {
    }

    /**
     * An initiative recognised within the period, with the unit it was submitted through.
     *
     * @param title as submission-service shows it to the caller; null when it shows none or could not be asked
     */
    public record Recognized(UUID initiativeId, String title, LocalDate recognized, UUID unitId, String unitCode,
            String unitName) {
    }

    /** Whether a report's initiatives carry their titles. */
    public enum Titles {
        /** As submission-service shows them to the caller. */
        SHOWN,
        /** submission-service did not answer in time: the initiatives are named by id; ask again later. */
        UNAVAILABLE
    }

    /**
     * The report of a unit for a period: its units ranked at the end of the period, those that climbed most, the
     * most active grassroots unions, and the initiatives recognised within it.
     */
    public record Report(String programme, UnitRef unit, LocalDate from, LocalDate to, List<ReportRow> units,
            List<ReportRow> movers, List<ReportRow> mostActive, List<Recognized> newlyRecognized, Titles titles) {
    }

    private final UnitStandings standings;
    private final UnitRepository units;
    private final UnitFiguresRepository figures;
    private final ReferenceDataRepository reference;
    private final Views views;
    private final InitiativeTitles titles;

    public UnitReports(UnitStandings standings, UnitRepository units, UnitFiguresRepository figures,
            ReferenceDataRepository reference, Views views, InitiativeTitles titles) {
        this.titles = titles;
        this.standings = standings;
        this.units = units;
        this.figures = figures;
        this.reference = reference;
        this.views = views;
    }

    /**
     * Counts by the initiatives' field or by the sector of the unit each was submitted through: the whole programme
     * for the confederation, a province's initiatives for a province (as its row in the national standings counts
     * them), and the subtree's for any other unit; as sent to clients, from memory when nothing changed since it was
     * computed.
     */
    public View breakdown(String programme, Unit unit, By by, LocalDate from, LocalDate to) {
        return views.get(new BreakdownRequest(programme, unit.id(), by, from, to),
                () -> Optional.of(breakdownOf(programme, unit, by, from, to))).orElseThrow();
    }

    private Breakdown breakdownOf(String programme, Unit unit, By by, LocalDate from, LocalDate to) {
        Period period = period(programme, from, to, null);
        List<Group> groups;
        if (unit.type() == OrgUnitType.CONFEDERATION) {
            groups = figures.breakdown(programme, null, null, by, period.from(), period.to());
        } else if (unit.type() == OrgUnitType.PROVINCIAL_FEDERATION) {
            groups = figures.breakdown(programme, unit.id(), null, by, period.from(), period.to());
        } else {
            groups = figures.breakdown(programme, null, subtree(unit), by, period.from(), period.to());
        }
        return new Breakdown(programme, UnitRef.of(unit), by, period.from(), period.to(), complete(groups, by));
    }

    /**
     * The report of {@code unit} from {@code from} to {@code to}: by default the seven days up to today.
     */
    public Report report(String programme, Unit unit, LocalDate from, LocalDate to, Credentials credentials) {
        Period period = period(programme, from, to, 6);
        LocalDate before = period.from().minusDays(1);
        List<UnitRow> now = standings.ranked(programme, unit, null, Metric.SUBMISSIONS, period.to()).rows();
        List<UnitRow> then = standings.ranked(programme, unit, null, Metric.SUBMISSIONS, before).rows();
        List<ReportRow> rows = rows(now, then);
        List<ReportRow> movers = rows.stream().filter(r -> r.placesGained() != null && r.placesGained() > 0)
                .sorted(Comparator.comparing(ReportRow::placesGained).reversed()
                        .thenComparing(ReportRow::rank)).limit(TOP).toList();
        List<ReportRow> active = rows(standings.ranked(programme, unit, OrgUnitType.GRASSROOTS, Metric.SUBMISSIONS,
                period.to()).rows(), standings.ranked(programme, unit, OrgUnitType.GRASSROOTS, Metric.SUBMISSIONS,
                before).rows()).stream().filter(r -> r.inPeriod() > 0)
                .sorted(Comparator.comparing(ReportRow::inPeriod).reversed().thenComparing(ReportRow::rank))
                .limit(TOP).toList();
        List<Unit> below = units.below(unit.id());
        Map<UUID, Unit> byId = new HashMap<>();
        below.forEach(u -> byId.put(u.id(), u));
        byId.put(unit.id(), unit);
        List<UnitFiguresRepository.Recognition> found = figures.recognized(programme, byId.keySet(), period.from(),
                period.to(), RECOGNIZED_LIMIT);
        Optional<Map<UUID, String>> named = titles.titles(
                found.stream().map(UnitFiguresRepository.Recognition::initiativeId).toList(), credentials);
        List<Recognized> recognized = found.stream().map(r -> {
            Unit u = byId.get(r.unitId());
            return new Recognized(r.initiativeId(), named.map(t -> t.get(r.initiativeId())).orElse(null),
                    r.recognized(), r.unitId(), u.code(), u.name());
        }).toList();
        return new Report(programme, UnitRef.of(unit), period.from(), period.to(), rows, movers, active, recognized,
                named.isPresent() ? Titles.SHOWN : Titles.UNAVAILABLE);
    }

    private static List<ReportRow> rows(List<UnitRow> now, List<UnitRow> then) {
        Map<UUID, UnitRow> before = new HashMap<>();
        then.forEach(r -> before.put(r.unitId(), r));
        List<ReportRow> rows = new ArrayList<>(now.size());
        for (UnitRow r : now) {
            UnitRow b = before.get(r.unitId());
            rows.add(new ReportRow(r.rank(), r.unitId(), r.code(), r.name(), r.type(), r.submissions(),
                    r.recognized(), r.target(), r.targetPercent(), r.submissions() - (b == null ? 0 : b.submissions()),
                    b == null ? null : b.rank(), b == null ? null : b.rank() - r.rank()));
        }
        return rows;
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    /**
     * The period asked for, checked: it ends today at the latest and does not end before it begins.
     *
     * @param defaultDays days before {@code to} the period begins when {@code from} is left out; null for the
     *                    programme's first day
     */
    private Period period(String programme, LocalDate from, LocalDate to, Integer defaultDays) {
        ReferenceDataRepository.Programme p = reference.programme(programme)
                .orElseThrow(() -> StandingsService.unknownProgramme(programme));
        LocalDate today = views.today();
        LocalDate end = to == null ? today : to;
        if (end.isAfter(today)) {
            throw ProblemException.badRequest("to", Text.of("to " + end + " is in the future",
                    "ngày to " + end + " nằm trong tương lai"));
        }
        LocalDate start = from != null ? from : defaultDays != null ? end.minusDays(defaultDays)
                : p.startDate() != null ? p.startDate() : LocalDate.of(1, 1, 1);
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("from", Text.of("from " + start + " is after to " + end,
                    "ngày from " + start + " sau ngày to " + end));
        }
        return new Period(start, end);
    }

    private List<UUID> subtree(Unit unit) {
        List<UUID> ids = new ArrayList<>();
        ids.add(unit.id());
        units.below(unit.id()).forEach(u -> ids.add(u.id()));
        return ids;
    }

    /** Every sector listed, with zeros where nothing counts; fields as counted; the unset ones last. */
    private static List<Group> complete(List<Group> groups, By by) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        if (by == By.SECTOR) {
            for (UnitSector sector : UnitSector.values()) {
                byKey.put(sector.name(), new Group(sector.name(), 0, 0, 0, 0));
            }
        }
        Group unset = null;
        for (Group g : groups) {
            if (g.key() == null) {
                unset = new Group(NOT_SET, g.submissions(), g.recognized(), g.submissionsToDate(),
                        g.recognizedToDate());
            } else {
                byKey.put(g.key(), g);
            }
        }
        List<Group> list = new ArrayList<>(byKey.values());
        if (unset != null) {
            list.add(unset);
        }
        return list;
    }
}
