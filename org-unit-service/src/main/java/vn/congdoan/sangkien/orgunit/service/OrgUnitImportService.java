package vn.congdoan.sangkien.orgunit.service;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;
import vn.congdoan.sangkien.orgunit.service.ImportReport.Outcome;
import vn.congdoan.sangkien.orgunit.service.ImportReport.RowResult;

/**
 * Bulk import of the lower-level units (direct-superior and grassroots unions) of one province, idempotent by code:
 * a row creates its unit, updates it when it differs, or leaves it unchanged; a bad row is rejected with its reason
 * and the others go on. Rows may name as parent a unit created by another row of the same import.
 */
@ApplicationScoped
public class OrgUnitImportService {

    public static final int MAX_ROWS = 50_000;
    private static final int CHUNK = 2_000;
    private static final int UPDATES_PER_FLUSH = 100;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> COLUMNS = Set.of("code", "name", "type", "parentCode", "memberCount",
            "memberCountAsOf", "validFrom");
    private static final Logger LOG = Logger.getLogger(OrgUnitImportService.class);

    private final OrgUnitRepository units;
    private final OrgUnitService service;
    private final Outbox outbox;
    private final EntityManager em;

    public OrgUnitImportService(OrgUnitRepository units, OrgUnitService service, Outbox outbox, EntityManager em) {
        this.units = units;
        this.service = service;
        this.outbox = outbox;
        this.em = em;
    }

    /** A row that passed every check, with what it will do. */
    private record Plan(int index, UUID id, String code, String name, OrgUnitType type, UUID parentId,
            Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, Outcome outcome) {
    }

    /** A parent a row may name: an existing unit of the province, the province, or a row planned before it. */
    private record Known(UUID id, OrgUnitType type, boolean active) {
    }

    public ImportReport importUnits(String provinceCode, List<ImportRow> rows) {
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.unprocessable("rows", "At most " + MAX_ROWS + " rows per request, got "
                    + rows.size() + "; send the rest in further requests");
        }
        OrgUnit province = units.findByCode(provinceCode)
                .filter(u -> u.type == OrgUnitType.PROVINCIAL_FEDERATION)
                .orElseThrow(() -> ProblemException.notFound("Provincial federation with code", provinceCode));
        if (province.validTo != null) {
            throw ProblemException.unprocessable("province", province.code + " is no longer in force");
        }
        RowResult[] results = new RowResult[rows.size()];
        Map<String, OrgUnit> existing = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> units.list("provinceId", province.id)
                .forEach(u -> existing.put(u.code, u)));

        Map<String, Integer> firstRowOfCode = new HashMap<>();
        List<ImportRow> pending = new ArrayList<>();
        List<Integer> pendingIndex = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            String problem = checkRow(row);
            if (problem != null) {
                results[i] = reject(i, row == null ? null : row.code(), problem);
                continue;
            }
            Integer earlier = firstRowOfCode.putIfAbsent(row.code().strip(), i);
            if (earlier != null) {
                results[i] = reject(i, row.code(), "code|appears already in row " + (earlier + 1));
                continue;
            }
            pending.add(row);
            pendingIndex.add(i);
        }
        Set<String> elsewhere = codesOutside(province, pending, existing);

        Map<String, Known> known = new HashMap<>();
        existing.values().forEach(u -> known.put(u.code, new Known(u.id, u.type, u.validTo == null)));
        known.put(province.code, new Known(province.id, province.type, true));
        List<Plan> plans = new ArrayList<>();
        LocalDate today = service.today();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            List<ImportRow> unresolved = new ArrayList<>();
            List<Integer> unresolvedIndex = new ArrayList<>();
            for (int p = 0; p < pending.size(); p++) {
                ImportRow row = pending.get(p);
                int index = pendingIndex.get(p);
                Known parent = known.get(row.parentCode().strip());
                if (parent == null) {
                    unresolved.add(row);
                    unresolvedIndex.add(index);
                    continue;
                }
                progress = true;
                String code = row.code().strip();
                OrgUnitType type = OrgUnitType.valueOf(row.type().strip());
                if (elsewhere.contains(code)) {
                    results[index] = reject(index, code, "code|belongs to a unit outside " + province.code);
                } else if (!parent.active()) {
                    results[index] = reject(index, code, "parentCode|parent " + row.parentCode() + " is no longer in force");
                } else if (!HierarchyRules.allowed(type, parent.type())) {
                    results[index] = reject(index, code, "parentCode|a " + type + " cannot sit under a " + parent.type());
                } else {
                    Plan plan = plan(index, row, code, type, parent, existing.get(code), today);
                    if (plan == null) {
                        results[index] = reject(index, code, "type|an existing unit keeps its type ("
                                + existing.get(code).type + ")");
                    } else {
                        plans.add(plan);
                        known.put(code, new Known(plan.id(), type, true));
                    }
                }
            }
            pending = unresolved;
            pendingIndex = unresolvedIndex;
        }
        for (int p = 0; p < pending.size(); p++) {
            ImportRow row = pending.get(p);
            results[pendingIndex.get(p)] = reject(pendingIndex.get(p), row.code(), "parentCode|no unit with code "
                    + row.parentCode() + " in " + province.code + " or in this import");
        }

        write(province, plans, results);
        if (plans.stream().anyMatch(p -> p.outcome() != Outcome.UNCHANGED)) {
            mergeSearchIndex();
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (RowResult r : results) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case REJECTED -> rejected++;
            }
        }
        return new ImportReport(province.code, rows.size(), created, updated, unchanged, rejected, List.of(results));
    }

    private Plan plan(int index, ImportRow row, String code, OrgUnitType type, Known parent, OrgUnit current,
            LocalDate today) {
        String name = row.name().strip();
        Integer members = row.memberCount() == null || row.memberCount().isBlank() ? null
                : Integer.valueOf(row.memberCount().strip());
        LocalDate membersAsOf = date(row.memberCountAsOf());
        LocalDate validFrom = date(row.validFrom());
        if (current == null) {
            return new Plan(index, UUID.randomUUID(), code, name, type, parent.id(), members, membersAsOf,
                    validFrom != null ? validFrom : today, Outcome.CREATED);
        }
        if (current.type != type) {
            return null;
        }
        boolean same = current.name.equals(name) && Objects.equals(current.parentId, parent.id())
                && (members == null || members.equals(current.memberCount));
        return new Plan(index, current.id, code, name, type, parent.id(), members, membersAsOf, validFrom,
                same ? Outcome.UNCHANGED : Outcome.UPDATED);
    }

    /** Writes the plans in chunks, each in its own transaction; a chunk that fails is retried row by row. */
    private void write(OrgUnit province, List<Plan> plans, RowResult[] results) {
        for (int start = 0; start < plans.size(); start += CHUNK) {
            List<Plan> chunk = plans.subList(start, Math.min(plans.size(), start + CHUNK));
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(province, chunk));
                chunk.forEach(p -> results[p.index()] = done(p));
            } catch (RuntimeException chunkFailed) {
                LOG.debugf("Import chunk failed, retrying its rows one by one: %s", chunkFailed.getMessage());
                for (Plan plan : chunk) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> apply(province, List.of(plan)));
                        results[plan.index()] = done(plan);
                    } catch (RuntimeException rowFailed) {
                        results[plan.index()] = unwritten(plan, rowFailed);
                    }
                }
            }
        }
    }

    /**
     * One transaction, under one lock for the chunk: the province's (see {@link OrgUnitRepository#lockProvince}) when
     * it only creates units; the whole structure's when it updates some, since an update may move a unit, and a move
     * takes that lock exclusively — asking for it while holding it shared would wait on every other import.
     */
    private void apply(OrgUnit province, List<Plan> plans) {
        if (plans.stream().anyMatch(p -> p.outcome() == Outcome.UPDATED)) {
            units.lockStructure();
        } else {
            units.lockProvince(province.id);
        }
        List<Plan> creates = plans.stream().filter(p -> p.outcome() == Outcome.CREATED).toList();
        if (!creates.isEmpty()) {
            insert(province, creates);
            checkParents(province, creates);
        }
        int updated = 0;
        for (Plan plan : plans) {
            if (plan.outcome() == Outcome.UPDATED) {
                OrgUnit unit = units.findById(plan.id());
                if (!Objects.equals(unit.parentId, plan.parentId())) {
                    service.move(unit.id, null, plan.parentId(), null);
                }
                service.update(unit.id, unit.version, new UnitUpdate(plan.name(), null, plan.memberCount(),
                        plan.memberCountAsOf()));
                if (++updated % UPDATES_PER_FLUSH == 0) {
                    // Every query flushes the session first, which checks each unit it holds: keep it small.
                    em.flush();
                    em.clear();
                }
            }
        }
    }

    /**
     * The rows were planned on the province as it stood when the import began; inside the lock, their parents must
     * still be in force in it (another request may have ended, moved or merged one since).
     */
    private void checkParents(OrgUnit province, List<Plan> creates) {
        UUID[] parents = creates.stream().map(Plan::parentId).distinct().toArray(UUID[]::new);
        Number placed = (Number) em.createNativeQuery("""
                select count(*) from org_unit where id = any(:ids) and valid_to is null and province_id = :province""")
                .setParameter("ids", parents).setParameter("province", province.id).getSingleResult();
        if (placed.intValue() != parents.length) {
            throw ProblemException.conflict("parentCode", "the parent is no longer in force in " + province.code
                    + ": it was ended, moved or merged while the import ran");
        }
    }

    /**
     * Merges the names this import added to the trigram index's pending list into the index, in one sorted pass
     * (much cheaper than one insertion per name), so that searches do not scan them. The rows are committed already:
     * a failure here only leaves the merge to the next import or to autovacuum.
     */
    private void mergeSearchIndex() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "select gin_clean_pending_list('org_unit_period_name_trgm'::regclass)").getSingleResult());
        } catch (RuntimeException e) {
            LOG.warnf("Could not merge the search index's pending list after an import: %s", rootMessage(e));
        }
    }

    private void insert(OrgUnit province, List<Plan> creates) {
        Instant now = Instant.now();
        Timestamp stamp = Timestamp.from(now);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement unit = connection.prepareStatement("""
                    insert into org_unit (id, code, name, type, parent_id, province_id, member_count,
                        member_count_as_of, valid_from, version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""");
                 PreparedStatement period = connection.prepareStatement("""
                    insert into org_unit_period (unit_id, valid_from, name, parent_id, province_id)
                    values (?, ?, ?, ?, ?)""")) {
                for (Plan p : creates) {
                    unit.setObject(1, p.id());
                    unit.setString(2, p.code());
                    unit.setString(3, p.name());
                    unit.setString(4, p.type().name());
                    unit.setObject(5, p.parentId());
                    unit.setObject(6, province.id);
                    if (p.memberCount() == null) {
                        unit.setNull(7, Types.INTEGER);
                    } else {
                        unit.setInt(7, p.memberCount());
                    }
                    unit.setDate(8, p.memberCountAsOf() == null ? null : Date.valueOf(p.memberCountAsOf()));
                    unit.setDate(9, Date.valueOf(p.validFrom()));
                    unit.setTimestamp(10, stamp);
                    unit.setTimestamp(11, stamp);
                    unit.addBatch();
                    period.setObject(1, p.id());
                    period.setDate(2, Date.valueOf(p.validFrom()));
                    period.setString(3, p.name());
                    period.setObject(4, p.parentId());
                    period.setObject(5, province.id);
                    period.addBatch();
                }
                unit.executeBatch();
                period.executeBatch();
            }
        });
        Map<UUID, OrgUnitState> events = new LinkedHashMap<>();
        for (Plan p : creates) {
            events.put(p.id(), new OrgUnitState(p.id(), p.code(), p.name(), p.type(), p.parentId(), province.id,
                    p.memberCount(), p.memberCountAsOf(), p.validFrom(), null, null, 0));
        }
        outbox.appendAll(Topics.ORG_UNITS, events);
    }

    private Set<String> codesOutside(OrgUnit province, List<ImportRow> rows, Map<String, OrgUnit> existing) {
        List<String> unknown = rows.stream().map(r -> r.code().strip()).filter(c -> !existing.containsKey(c)).toList();
        Set<String> elsewhere = new HashSet<>();
        for (int start = 0; start < unknown.size(); start += 5_000) {
            List<String> slice = unknown.subList(start, Math.min(unknown.size(), start + 5_000));
            QuarkusTransaction.requiringNew().run(() -> units.list("code in ?1", slice)
                    .forEach(u -> elsewhere.add(u.code)));
        }
        return elsewhere;
    }

    /** @return {@code "field|reason"} when the row is unusable on its own, else {@code null} */
    private static String checkRow(ImportRow row) {
        if (row == null) {
            return "row|is empty";
        }
        if (row.code() == null || !CODE.matcher(row.code().strip()).matches()) {
            return "code|is required: 1 to 64 letters, digits, '.', '_' or '-'";
        }
        if (row.name() == null || row.name().isBlank() || row.name().strip().length() > 300) {
            return "name|is required, at most 300 characters";
        }
        if (!"GRASSROOTS".equals(strip(row.type())) && !"DIRECT_SUPERIOR".equals(strip(row.type()))) {
            return "type|must be GRASSROOTS or DIRECT_SUPERIOR, was '" + row.type() + "'";
        }
        if (row.parentCode() == null || row.parentCode().isBlank()) {
            return "parentCode|is required";
        }
        if (row.memberCount() != null && !row.memberCount().isBlank()) {
            try {
                if (Integer.parseInt(row.memberCount().strip()) < 0) {
                    return "memberCount|must not be negative";
                }
            } catch (NumberFormatException e) {
                return "memberCount|must be a whole number, was '" + row.memberCount() + "'";
            }
        }
        for (String[] field : new String[][] { { "memberCountAsOf", row.memberCountAsOf() },
                { "validFrom", row.validFrom() } }) {
            LocalDate day;
            try {
                day = date(field[1]);
            } catch (DateTimeParseException e) {
                return field[0] + "|must be a date as YYYY-MM-DD, was '" + field[1] + "'";
            }
            if (day != null && !QueryParams.inRange(day)) {
                return field[0] + "|must be a date from " + QueryParams.FIRST_DAY + " to " + QueryParams.LAST_DAY
                        + ", was '" + field[1] + "'";
            }
        }
        return null;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

    private static RowResult reject(int index, String code, String fieldAndReason) {
        int bar = fieldAndReason.indexOf('|');
        return new RowResult(index + 1, code, Outcome.REJECTED, null, fieldAndReason.substring(0, bar),
                fieldAndReason.substring(bar + 1));
    }

    /**
     * A row that passed its own checks and failed while being written: a rule of the hierarchy it breaks names the
     * row's column (the API's {@code parentId} is the row's {@code parentCode}; a rule about the unit itself, such as
     * its having ended, names its {@code code}).
     */
    private static RowResult unwritten(Plan plan, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                String field = "parentId".equals(problem.field()) ? "parentCode"
                        : problem.field() != null && COLUMNS.contains(problem.field()) ? problem.field() : "code";
                return new RowResult(plan.index() + 1, plan.code(), Outcome.REJECTED, null, field,
                        problem.getMessage());
            }
        }
        return new RowResult(plan.index() + 1, plan.code(), Outcome.REJECTED, null, null,
                "could not be written: " + rootMessage(failure));
    }

    private static RowResult done(Plan plan) {
        return new RowResult(plan.index() + 1, plan.code(), plan.outcome(), plan.id(), null, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
