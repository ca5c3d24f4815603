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
 * never takes a submission back on its own; a row may tell the past the provincial system recorded ({@link PastRecord}:
 * the original submission time and, from trusted importers, the council's outcome or the initiative's end), which is
 * stored as it was, dated as it was, with the import's provenance. Content changes only while the initiative is a
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
    private final Programmes programmes;
    private final Clock clock;

    public InitiativeImportService(OrgUnitReplicaRepository units, Outbox outbox, EntityManager em,
            InitiativeInserts inserts, Programmes programmes, Clock clock) {
        this.units = units;
        this.outbox = outbox;
        this.em = em;
        this.inserts = inserts;
        this.programmes = programmes;
        this.clock = clock;
    }

    /**
     * Who imports, and what they may tell.
     *
     * @param credential the importer as the audit names it ({@code apikey:<id>}, a member id): the provenance
     * @param trusted    whether they may state the council's outcome: the province's API key, its administrators
     * @param mayRead    whether they may read an initiative's content: one they may not read keeps its visibility
     *                   (or a stricter one) and its authors, whatever a row says
     */
    public record Importer(String credential, boolean trusted, Predicate<Initiative> mayRead) {
    }

    /** What the rows of one request share while they are written; {@code now}, the time of the chunk being written. */
    private record Batch(OrgUnitReplica province, List<ImportRow> rows, RowResult[] results, Instant now,
            Importer importer, Map<UUID, OrgUnitReplica> units) {

        Batch at(Instant time) {
            return new Batch(province, rows, results, time, importer, units);
        }
    }

    public InitiativeImportReport importRows(OrgUnitReplica province, List<ImportRow> rows, Importer importer) {
        if (rows.size() > MAX_ROWS) {
            throw tooMany(rows.size());
        }
        long started = System.nanoTime();
        RowResult[] results = new RowResult[rows.size()];
        Map<UUID, OrgUnitReplica> unitsById = unitsOf(rows);

        Map<String, Integer> firstRowOf = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        List<Integer> duplicates = new ArrayList<>();
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
            Integer earlier = firstRowOf.putIfAbsent(row.externalRef(), i);
            if (earlier != null) {
                results[i] = rejected(i, row, List.of(new FieldError("externalRef",
                        "appears already in row " + (earlier + 1))));
                continue;
            }
            (row.past().outcome() == PastRecord.Outcome.DUPLICATE ? duplicates : candidates).add(i);
        }
        // duplicates last, so that a row may name an original that comes later in the same file
        Batch batch = new Batch(province, rows, results, null, importer, unitsById);
        for (List<Integer> part : List.of(candidates, duplicates)) {
            for (int from = 0; from < part.size(); from += WRITE_CHUNK) {
                // each chunk dated when it is written: its changes reach the change feed in the order they commit
                write(batch.at(clock.instant()), part.subList(from, Math.min(from + WRITE_CHUNK, part.size())));
            }
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

    private void write(Batch batch, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        OrgUnitReplica province = batch.province();
        List<ImportRow> rows = batch.rows();
        RowResult[] results = batch.results();
        try {
            QuarkusTransaction.requiringNew().run(() -> apply(batch, indexes));
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
                            .run(() -> apply(batch, List.of(index)));
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
    private void apply(Batch batch, List<Integer> indexes) {
        em.unwrap(Session.class).setJdbcBatchSize(500);
        List<ImportRow> rows = batch.rows();
        RowResult[] results = batch.results();
        Instant now = batch.now();
        Set<String> refs = new HashSet<>();
        for (int index : indexes) {
            refs.add(rows.get(index).externalRef());
            if (rows.get(index).past().duplicateOf() != null) {
                refs.add(rows.get(index).past().duplicateOf());
            }
        }
        Map<String, Initiative> stored = new HashMap<>();
        em.createQuery("select distinct i from Initiative i left join fetch i.authors "
                + "where i.provinceId = :province and i.externalRef in :refs", Initiative.class)
                .setParameter("province", batch.province().id).setParameter("refs", refs).getResultList()
                .forEach(i -> stored.put(i.externalRef, i));

        List<InitiativeInserts.Row> created = new ArrayList<>();
        Map<Initiative, InitiativeEvent.Type> changed = new LinkedHashMap<>();
        for (int index : indexes) {
            ImportRow row = rows.get(index);
            NewInitiative values = row.initiative();
            PastRecord past = row.past();
            Initiative current = stored.get(row.externalRef());
            List<FieldError> errors = new ArrayList<>(checks(batch, row, current));
            UUID originalId = null;
            if (errors.isEmpty() && past.outcome() == PastRecord.Outcome.DUPLICATE) {
                Initiative original = stored.get(past.duplicateOf());
                Text problem = original == null || original == current ? null
                        : Duplicates.originalProblem(past.duplicateOf(), original, values.programmeCode());
                if (original == null) {
                    errors.add(new FieldError("duplicateOf", "the province has no initiative " + past.duplicateOf()));
                } else if (original == current) {
                    errors.add(new FieldError("duplicateOf", "names the initiative itself"));
                } else if (problem != null) {
                    errors.add(new FieldError("duplicateOf", problem.en()));
                } else {
                    originalId = original.id;
                }
            }
            if (current == null) {
                row.withheld().stream().filter(ImportRow.CONTENT::contains).sorted()
                        .forEach(f -> errors.add(new FieldError(f, "is required to create an initiative")));
            }
            if (!errors.isEmpty()) {
                results[index] = new RowResult(index + 1, Outcome.REJECTED, current == null ? null : current.id,
                        row.externalRef(), errors);
                continue;
            }
            if (current == null) {
                Initiative initiative = ImportedInitiatives.create(values, past, originalId, batch.province(), now,
                        batch.importer().credential());
                created.add(new InitiativeInserts.Row(initiative, initiative.toEvent(
                        ImportedInitiatives.eventType(null, initiative.status), now)));
                results[index] = new RowResult(index + 1, Outcome.CREATED, initiative.id, row.externalRef(),
                        List.of());
                continue;
            }
            FieldError refused = refusedChange(batch, row, current, originalId);
            if (refused != null) {
                results[index] = new RowResult(index + 1, Outcome.REJECTED, current.id, row.externalRef(),
                        List.of(refused));
                continue;
            }
            boolean differs = ImportedInitiatives.differs(current, values, row.withheld());
            boolean submits = values.submit() && current.status == InitiativeStatus.DRAFT;
            boolean pastDiffers = ImportedInitiatives.pastDiffers(current, past, originalId);
            if (!differs && !submits && !pastDiffers) {
                results[index] = new RowResult(index + 1, Outcome.UNCHANGED, current.id, row.externalRef(), List.of());
                continue;
            }
            InitiativeStatus before = current.status;
            if (differs) {
                ImportedInitiatives.update(current, values, row.withheld());
            }
            if (submits) {
                current.status = InitiativeStatus.SUBMITTED;
                if (current.submittedAt == null) {
                    current.submittedAt = now;
                }
            }
            if (pastDiffers) {
                ImportedInitiatives.applyPast(current, past, originalId);
            }
            ImportedInitiatives.imported(current, batch.importer().credential(), now);
            current.updatedAt = now;
            changed.put(current, ImportedInitiatives.eventType(before, current.status));
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

    /**
     * The row's unit and programme on the day it counts as submitted (the row's submittedAt, the stored one, or
     * now; today for a draft), and the rules of its past.
     */
    private List<FieldError> checks(Batch batch, ImportRow row, Initiative current) {
        NewInitiative values = row.initiative();
        PastRecord past = row.past();
        Instant submittedAt = past.submitted() != null ? past.submitted()
                : current != null && current.submittedAt != null ? current.submittedAt
                : values.submit() ? batch.now() : null;
        LocalDate day = LocalDate.ofInstant(submittedAt == null ? batch.now() : submittedAt,
                InitiativeService.VIETNAM);
        List<FieldError> errors = new ArrayList<>();
        OrgUnitReplica unit = batch.units().get(values.unitId());
        Text unitProblem = SubmittingUnits.problem(values.unitId(),
                unit == null ? null : OrgUnitReplicaCache.Unit.of(unit), day);
        if (unitProblem == null && !batch.province().id.equals(unit.provinceId)) {
            unitProblem = Text.of("Unit " + unit.code + " does not belong to " + batch.province().code, "Đơn vị "
                    + unit.code + " không thuộc " + batch.province().code);
        }
        if (unitProblem != null) {
            errors.add(new FieldError("unitId", unitProblem.en()));
        }
        Programmes.Programme programme = programmes.find(values.programmeCode()).orElse(null);
        // a submission time the row gives is named itself when it falls outside the programme
        Text programmeProblem = Programmes.problem(values.programmeCode(), programme,
                submittedAt == null || past.submitted() != null ? null : day);
        if (programmeProblem != null) {
            errors.add(new FieldError("programmeCode", programmeProblem.en()));
        }
        errors.addAll(PastRules.problems(past, values.submit(), batch.importer().trusted(), batch.now(), programme,
                submittedAt));
        return errors;
    }

    /**
     * What a row may not do to a stored initiative: open or take over content the importer may not read, change the
     * content once the review started, or bring back an initiative that ended.
     */
    private static FieldError refusedChange(Batch batch, ImportRow row, Initiative current, UUID originalId) {
        NewInitiative values = row.initiative();
        if (!batch.importer().mayRead().test(current)) {
            FieldError unreadable = ImportedInitiatives.opensOrTakesOver(current, values, row.withheld());
            if (unreadable != null) {
                return unreadable;
            }
        }
        if (!InitiativeService.EDITABLE.contains(current.status)
                && ImportedInitiatives.differs(current, values, row.withheld())) {
            return new FieldError("externalRef", "initiative " + current.id + " is " + current.status
                    + "; its content changes only while it is a draft or submitted");
        }
        InitiativeStatus outcome = ImportedInitiatives.statusOf(row.past());
        if (outcome != null && outcome != current.status && !current.status.countsAsSubmission()
                && current.status != InitiativeStatus.DRAFT) {
            return new FieldError("outcome", "initiative " + current.id + " is " + current.status
                    + "; an import does not bring it back");
        }
        return null;
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
