package vn.congdoan.sangkien.orgunit.service;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;
import vn.congdoan.sangkien.orgunit.service.ImportReport.Outcome;
import vn.congdoan.sangkien.orgunit.service.ImportReport.RowResult;

/**
 * Writes the planned rows of a unit import: new units in JDBC batches with their events, updates through the
 * service's own rules, each chunk in a transaction of its own under the lock of the province or of the structure.
 */
@ApplicationScoped
class ImportedUnitsWriter {

    private static final int CHUNK = 2_000;
    private static final int UPDATES_PER_FLUSH = 100;
    private static final Set<String> COLUMNS = Set.of("code", "name", "type", "parentCode", "memberCount",
            "memberCountAsOf", "validFrom", "sector");
    private static final Logger LOG = Logger.getLogger(ImportedUnitsWriter.class);

    private final OrgUnitRepository units;
    private final OrgUnitService service;
    private final Outbox outbox;
    private final EntityManager em;

    ImportedUnitsWriter(OrgUnitRepository units, OrgUnitService service, Outbox outbox, EntityManager em) {
        this.units = units;
        this.service = service;
        this.outbox = outbox;
        this.em = em;
    }

    /** Writes the plans in chunks, each in its own transaction; a chunk that fails is retried row by row. */
    void write(OrgUnit province, List<UnitImportPlan> plans, RowResult[] results) {
        for (int start = 0; start < plans.size(); start += CHUNK) {
            List<UnitImportPlan> chunk = plans.subList(start, Math.min(plans.size(), start + CHUNK));
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(province, chunk));
                chunk.forEach(p -> results[p.index()] = done(p));
            } catch (RuntimeException chunkFailed) {
                LOG.debugf("Import chunk failed, retrying its rows one by one: %s", chunkFailed.getMessage());
                for (UnitImportPlan plan : chunk) {
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
    private void apply(OrgUnit province, List<UnitImportPlan> plans) {
        if (plans.stream().anyMatch(p -> p.outcome() == Outcome.UPDATED)) {
            units.lockStructure();
        } else {
            units.lockProvince(province.id);
        }
        List<UnitImportPlan> creates = plans.stream().filter(p -> p.outcome() == Outcome.CREATED).toList();
        if (!creates.isEmpty()) {
            insert(province, creates);
            checkParents(province, creates);
        }
        int updated = 0;
        List<UnitImportPlan> ends = new ArrayList<>();
        for (UnitImportPlan plan : plans) {
            if (plan.outcome() == Outcome.UPDATED) {
                OrgUnit unit = units.findById(plan.id());
                if (!Objects.equals(unit.parentId, plan.parentId())) {
                    service.move(unit.id, null, plan.parentId(), null);
                }
                if (!unit.name.equals(plan.name())
                        || plan.memberCount() != null && !plan.memberCount().equals(unit.memberCount)
                        || plan.sector() != null && plan.sector() != unit.sector) {
                    service.update(unit.id, unit.version, new UnitUpdate(plan.name(), null, plan.memberCount(),
                            plan.memberCountAsOf(), plan.sector()));
                }
                if (!Objects.equals(unit.validTo, plan.validTo())) {
                    ends.add(plan);
                }
                if (++updated % UPDATES_PER_FLUSH == 0) {
                    // Every query flushes the session first, which checks each unit it holds: keep it small.
                    em.flush();
                    em.clear();
                }
            }
        }
        endBelowFirst(ends);
    }

    /**
     * Ends units, those lower in the tree first: a unit is refused an end while a unit below it outlives it, and a
     * file that dissolves a district union dissolves its grassroots unions with it.
     */
    private void endBelowFirst(List<UnitImportPlan> ends) {
        Map<UUID, UnitImportPlan> byId = new HashMap<>();
        ends.forEach(p -> byId.put(p.id(), p));
        Map<UUID, Integer> depth = new HashMap<>();
        for (UnitImportPlan plan : ends) {
            int d = 0;
            for (UnitImportPlan up = byId.get(plan.parentId()); up != null && d < ends.size(); up = byId.get(up.parentId())) {
                d++;
            }
            depth.put(plan.id(), d);
        }
        List<UnitImportPlan> deepestFirst = new ArrayList<>(ends);
        deepestFirst.sort(Comparator.comparing((UnitImportPlan p) -> depth.get(p.id())).reversed());
        for (UnitImportPlan plan : deepestFirst) {
            try {
                service.endAsRecorded(plan.id(), plan.validTo());
            } catch (ProblemException refused) {
                throw new EndRefused(refused);
            }
        }
    }

    /** An end the hierarchy refuses: the row's {@code validTo} is at fault, whatever the rule names. */
    private static final class EndRefused extends RuntimeException {

        EndRefused(ProblemException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The rows were planned on the province as it stood when the import began; inside the lock, their parents must
     * still be in it and not end before them (another request may have ended, moved or merged one since).
     */
    private void checkParents(OrgUnit province, List<UnitImportPlan> creates) {
        // The latest end each parent's new children have; null when one of them has none.
        Map<UUID, LocalDate> lastChildEnd = new HashMap<>();
        Set<UUID> openChild = new HashSet<>();
        for (UnitImportPlan p : creates) {
            if (p.validTo() == null) {
                openChild.add(p.parentId());
            } else {
                lastChildEnd.merge(p.parentId(), p.validTo(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        UUID[] parents = creates.stream().map(UnitImportPlan::parentId).distinct().toArray(UUID[]::new);
        List<Object[]> found = em.createQuery(
                "select u.id, u.validTo from OrgUnit u where u.id in :ids and u.provinceId = :province", Object[].class)
                .setParameter("ids", List.of(parents)).setParameter("province", province.id).getResultList();
        long outlived = found.stream().filter(row -> {
            UUID parent = (UUID) row[0];
            LocalDate parentEnd = (LocalDate) row[1];
            return parentEnd != null && (openChild.contains(parent) || lastChildEnd.get(parent).isAfter(parentEnd));
        }).count();
        if (found.size() != parents.length || outlived > 0) {
            throw ProblemException.conflict("parentCode", Text.of("the parent is no longer in force in "
                    + province.code + ": it was ended, moved or merged while the import ran", "đơn vị cấp trên không "
                    + "còn hiệu lực trong " + province.code + ": nó đã bị kết thúc, chuyển hoặc hợp nhất khi đang nhập"));
        }
    }

    /**
     * Merges the names this import added to the trigram index's pending list into the index, in one sorted pass
     * (much cheaper than one insertion per name), so that searches do not scan them. The rows are committed already:
     * a failure here only leaves the merge to the next import or to autovacuum.
     */
    void mergeSearchIndex() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "select gin_clean_pending_list('org_unit_period_name_trgm'::regclass)").getSingleResult());
        } catch (RuntimeException e) {
            LOG.warnf("Could not merge the search index's pending list after an import: %s", rootMessage(e));
        }
    }

    private void insert(OrgUnit province, List<UnitImportPlan> creates) {
        Instant now = Instant.now();
        Timestamp stamp = Timestamp.from(now);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement unit = connection.prepareStatement("""
                    insert into org_unit (id, code, name, type, parent_id, province_id, member_count,
                        member_count_as_of, valid_from, valid_to, version, created_at, updated_at, sector)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""");
                 PreparedStatement period = connection.prepareStatement("""
                    insert into org_unit_period (unit_id, valid_from, valid_to, name, parent_id, province_id)
                    values (?, ?, ?, ?, ?, ?)""")) {
                for (UnitImportPlan p : creates) {
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
                    unit.setDate(10, p.validTo() == null ? null : Date.valueOf(p.validTo()));
                    unit.setTimestamp(11, stamp);
                    unit.setTimestamp(12, stamp);
                    unit.setString(13, p.sector() == null ? null : p.sector().name());
                    unit.addBatch();
                    period.setObject(1, p.id());
                    period.setDate(2, Date.valueOf(p.validFrom()));
                    period.setDate(3, p.validTo() == null ? null : Date.valueOf(p.validTo()));
                    period.setString(4, p.name());
                    period.setObject(5, p.parentId());
                    period.setObject(6, province.id);
                    period.addBatch();
                }
                unit.executeBatch();
                period.executeBatch();
            }
        });
        Map<UUID, OrgUnitState> events = new LinkedHashMap<>();
        for (UnitImportPlan p : creates) {
            events.put(p.id(), new OrgUnitState(p.id(), p.code(), p.name(), p.type(), p.parentId(), province.id,
                    p.memberCount(), p.memberCountAsOf(), p.validFrom(), p.validTo(), null, 0, p.sector()));
        }
        outbox.appendAll(Topics.ORG_UNITS, events);
    }

    /**
     * A row that passed its own checks and failed while being written: a rule of the hierarchy it breaks names the
     * row's column (the API's {@code parentId} is the row's {@code parentCode}; a rule about the unit itself, such as
     * its having ended, names its {@code code}).
     */
    private static RowResult unwritten(UnitImportPlan plan, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EndRefused refused) {
                return new RowResult(plan.index() + 1, plan.code(), Outcome.REJECTED, null, "validTo",
                        refused.getMessage());
            }
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

    private static RowResult done(UnitImportPlan plan) {
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
