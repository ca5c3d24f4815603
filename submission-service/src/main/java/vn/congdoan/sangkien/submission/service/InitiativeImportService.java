package vn.congdoan.sangkien.submission.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.repository.InitiativeInserts;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.Outcome;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.RowResult;

/**
 * Bulk import of one province's initiatives from its own system, idempotent by {@code externalRef}: a row creates its
 * initiative, updates it when it differs, or leaves it unchanged; a bad row is rejected with its reasons and the
 * others go on. Rows are checked first, then written with their events in transactions of {@value #WRITE_CHUNK} rows
 * (one JDBC batch each); should one fail, each of its rows is written again in its own. A request that fails half-way
 * (the database gone) can be sent again as it was: the rows already written come back unchanged. New initiatives go
 * in with one statement each (see {@link InitiativeInserts}), batched.
 *
 * <p>Status: a row with {@code submit=true} creates a submitted initiative, or submits a stored draft. An import
 * never takes a submission back (withdrawing is the authors' act). Content changes only while the initiative is a
 * draft or submitted: once its review has started, the council judges what was submitted.
 */
@ApplicationScoped
public class InitiativeImportService {

    public static final int MAX_ROWS = 5_000;
    /**
     * Rows written in one transaction: their entities, events and JDBC batch are garbage once it commits, so an
     * import holds little more than its rows while it writes.
     */
    private static final int WRITE_CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(InitiativeImportService.class);

    private final OrgUnitReplicaRepository units;
    private final Outbox outbox;
    private final EntityManager em;
    private final InitiativeInserts inserts;
    /** Microseconds, PostgreSQL's precision: times in events equal the stored ones. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    public InitiativeImportService(OrgUnitReplicaRepository units, Outbox outbox, EntityManager em,
            InitiativeInserts inserts) {
        this.units = units;
        this.outbox = outbox;
        this.em = em;
        this.inserts = inserts;
    }

    /**
     * @param mayRead whether the importer may read an initiative's content: one it may not read keeps its visibility
     *                (or a stricter one) and its authors, whatever a row says
     */
    public InitiativeImportReport importRows(OrgUnitReplica province, List<ImportRow> rows,
            Predicate<Initiative> mayRead) {
        if (rows.size() > MAX_ROWS) {
            throw tooMany(rows.size());
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, InitiativeService.VIETNAM);
        RowResult[] results = new RowResult[rows.size()];
        Map<UUID, OrgUnitReplica> unitsById = unitsOf(rows);

        Map<String, Integer> firstRowOf = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (!row.errors().isEmpty()) {
                results[i] = rejected(i, row, row.errors());
                continue;
            }
            if (row.initiative().repeatsAnAuthor()) {
                results[i] = rejected(i, row, List.of(new FieldError("authors", "An author is listed more than once")));
                continue;
            }
            UUID unitId = row.initiative().unitId();
            OrgUnitReplica unit = unitsById.get(unitId);
            Text unitProblem = SubmittingUnits.problem(unitId, unit == null ? null : OrgUnitReplicaCache.Unit.of(unit),
                    today);
            if (unitProblem == null && !province.id.equals(unit.provinceId)) {
                unitProblem = Text.of("Unit " + unit.code + " does not belong to " + province.code, "Đơn vị " + unit.code
                        + " không thuộc " + province.code);
            }
            if (unitProblem != null) {
                results[i] = rejected(i, row, List.of(new FieldError("unitId", unitProblem.en())));
                continue;
            }
            Integer earlier = firstRowOf.putIfAbsent(row.externalRef(), i);
            if (earlier != null) {
                results[i] = rejected(i, row, List.of(new FieldError("externalRef",
                        "appears already in row " + (earlier + 1))));
                continue;
            }
            candidates.add(i);
        }
        for (int from = 0; from < candidates.size(); from += WRITE_CHUNK) {
            write(province, rows, candidates.subList(from, Math.min(from + WRITE_CHUNK, candidates.size())), results,
                    now, mayRead);
        }

        int[] totals = new int[Outcome.values().length];
        for (RowResult result : results) {
            totals[result.status().ordinal()]++;
        }
        InitiativeImportReport report = new InitiativeImportReport(province.id, province.code, rows.size(),
                totals[Outcome.CREATED.ordinal()], totals[Outcome.UPDATED.ordinal()],
                totals[Outcome.UNCHANGED.ordinal()], totals[Outcome.REJECTED.ordinal()], List.of(results));
        LOG.infof("Imported %d rows into %s in %d ms: %d created, %d updated, %d unchanged, %d rejected",
                rows.size(), province.code, (System.nanoTime() - started) / 1_000_000, report.created(),
                report.updated(), report.unchanged(), report.rejected());
        return report;
    }

    public static ProblemException tooMany(int rows) {
        return ProblemException.unprocessable("rows", Text.of("At most " + MAX_ROWS + " rows per request, got "
                + (rows > MAX_ROWS ? "more" : rows) + "; send the rest in further requests", "Mỗi yêu cầu nhiều nhất "
                + MAX_ROWS + " dòng, nhận được " + (rows > MAX_ROWS ? "nhiều hơn" : rows)
                + "; hãy gửi phần còn lại trong các yêu cầu sau")).limit("max", MAX_ROWS);
    }

    private Map<UUID, OrgUnitReplica> unitsOf(List<ImportRow> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.stream().filter(r -> r.initiative() != null).forEach(r -> ids.add(r.initiative().unitId()));
        Map<UUID, OrgUnitReplica> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> units.list("id in ?1", ids).forEach(u -> byId.put(u.id, u)));
        }
        return byId;
    }

    private void write(OrgUnitReplica province, List<ImportRow> rows, List<Integer> indexes, RowResult[] results,
            Instant now, Predicate<Initiative> mayRead) {
        if (indexes.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> apply(province, rows, indexes, results, now, mayRead));
        } catch (RuntimeException batchFailed) {
            if (ProblemMappers.isDatabaseUnavailable(batchFailed)) {
                // Not the rows' fault: the request gets the 503 to resend it, and what was written is UNCHANGED then.
                throw batchFailed;
            }
            LOG.warnf("Import into %s: the batch failed, writing its %d rows one by one: %s", province.code,
                    indexes.size(), rootMessage(batchFailed));
            for (int index : indexes) {
                try {
                    QuarkusTransaction.requiringNew()
                            .run(() -> apply(province, rows, List.of(index), results, now, mayRead));
                } catch (RuntimeException rowFailed) {
                    if (ProblemMappers.isDatabaseUnavailable(rowFailed)) {
                        throw rowFailed;
                    }
                    results[index] = rejected(index, rows.get(index), List.of(new FieldError("row",
                            "could not be written: " + rootMessage(rowFailed))));
                }
            }
        }
    }

    /** Creates or updates the rows at {@code indexes} and appends their events; one transaction, batched. */
    private void apply(OrgUnitReplica province, List<ImportRow> rows, List<Integer> indexes, RowResult[] results,
            Instant now, Predicate<Initiative> mayRead) {
        em.unwrap(Session.class).setJdbcBatchSize(500);
        List<String> refs = indexes.stream().map(i -> rows.get(i).externalRef()).toList();
        Map<String, Initiative> stored = new HashMap<>();
        em.createQuery("select distinct i from Initiative i left join fetch i.authors "
                + "where i.provinceId = :province and i.externalRef in :refs", Initiative.class)
                .setParameter("province", province.id).setParameter("refs", refs).getResultList()
                .forEach(i -> stored.put(i.externalRef, i));

        List<InitiativeInserts.Row> created = new ArrayList<>();
        Map<Initiative, InitiativeEvent.Type> changed = new LinkedHashMap<>();
        for (int index : indexes) {
            ImportRow row = rows.get(index);
            NewInitiative values = row.initiative();
            Initiative current = stored.get(row.externalRef());
            if (current == null) {
                List<FieldError> missing = row.withheld().stream().filter(ImportRow.CONTENT::contains).sorted()
                        .map(f -> new FieldError(f, "is required to create an initiative")).toList();
                if (!missing.isEmpty()) {
                    results[index] = rejected(index, row, missing);
                    continue;
                }
                Initiative initiative = ImportedInitiatives.create(values, province, now);
                created.add(new InitiativeInserts.Row(initiative, initiative.toEvent(
                        values.submit() ? InitiativeEvent.Type.SUBMITTED : InitiativeEvent.Type.CREATED, now)));
                results[index] = new RowResult(index + 1, Outcome.CREATED, initiative.id, row.externalRef(),
                        List.of());
                continue;
            }
            FieldError unreadable = mayRead.test(current) ? null : ImportedInitiatives.opensOrTakesOver(current, values, row.withheld());
            if (unreadable != null) {
                results[index] = new RowResult(index + 1, Outcome.REJECTED, current.id, row.externalRef(),
                        List.of(unreadable));
                continue;
            }
            boolean differs = ImportedInitiatives.differs(current, values, row.withheld());
            boolean submits = values.submit() && current.status == InitiativeStatus.DRAFT;
            if (differs && !InitiativeService.EDITABLE.contains(current.status)) {
                results[index] = new RowResult(index + 1, Outcome.REJECTED, current.id, row.externalRef(),
                        List.of(new FieldError("externalRef", "initiative " + current.id + " is " + current.status
                                + "; its content changes only while it is a draft or submitted")));
                continue;
            }
            if (!differs && !submits) {
                results[index] = new RowResult(index + 1, Outcome.UNCHANGED, current.id, row.externalRef(), List.of());
                continue;
            }
            if (differs) {
                ImportedInitiatives.update(current, values, row.withheld());
            }
            if (submits) {
                current.status = InitiativeStatus.SUBMITTED;
                if (current.submittedAt == null) {
                    current.submittedAt = now;
                }
            }
            current.updatedAt = now;
            changed.put(current, submits ? InitiativeEvent.Type.SUBMITTED : InitiativeEvent.Type.UPDATED);
            results[index] = new RowResult(index + 1, Outcome.UPDATED, current.id, row.externalRef(), List.of());
        }
        // New initiatives bypass the persistence context: 5,000 managed entities cost more heap than the rows.
        inserts.insertAll(created);
        em.flush();
        List<Outbox.Message> events = new ArrayList<>(changed.size());
        changed.forEach((initiative, type) -> events.add(
                new Outbox.Message(initiative.provinceId, initiative.toEvent(type, now))));
        outbox.appendAll(Topics.INITIATIVE_EVENTS, events);
    }

    private static RowResult rejected(int index, ImportRow row, List<FieldError> errors) {
        return new RowResult(index + 1, Outcome.REJECTED, null, row.externalRef(), errors);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
