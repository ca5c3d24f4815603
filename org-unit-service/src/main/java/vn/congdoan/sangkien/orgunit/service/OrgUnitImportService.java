package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
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

    private final OrgUnitRepository units;
    private final OrgUnitService service;
    private final ImportedUnitsWriter writer;

    public OrgUnitImportService(OrgUnitRepository units, OrgUnitService service, ImportedUnitsWriter writer) {
        this.units = units;
        this.service = service;
        this.writer = writer;
    }

    /**
     * A parent a row may name: an existing unit of the province, the province, or a row planned before it, with the
     * days it is in force (as it will be once the import is written).
     */
    private record Known(UUID id, String code, OrgUnitType type, LocalDate validFrom, LocalDate validTo) {
    }

    public ImportReport importUnits(String provinceCode, List<ImportRow> rows) {
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.unprocessable("rows", Text.of("At most " + MAX_ROWS + " rows per request, got "
                    + rows.size() + "; send the rest in further requests", "Mỗi yêu cầu nhiều nhất " + MAX_ROWS
                    + " dòng, nhận được " + rows.size() + "; hãy gửi phần còn lại trong các yêu cầu sau"))
                    .limit("max", MAX_ROWS);
        }
        OrgUnit province = units.findByCode(provinceCode)
                .filter(u -> u.type == OrgUnitType.PROVINCIAL_FEDERATION)
                .orElseThrow(() -> ProblemException.notFound(Text.of("Provincial federation with code",
                        "Liên đoàn lao động tỉnh, thành phố mang mã"), provinceCode));
        if (province.validTo != null) {
            throw ProblemException.unprocessable("province", Text.of(province.code + " is no longer in force",
                    province.code + " không còn hiệu lực"));
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
            String problem = ImportRowRules.checkRow(row);
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
        existing.values().forEach(u -> known.put(u.code, new Known(u.id, u.code, u.type, u.validFrom, u.validTo)));
        known.put(province.code, new Known(province.id, province.code, province.type, province.validFrom, null));
        List<UnitImportPlan> plans = new ArrayList<>();
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
                } else if (!HierarchyRules.allowed(type, parent.type())) {
                    results[index] = reject(index, code, "parentCode|a " + type + " cannot sit under a " + parent.type());
                } else {
                    UnitImportPlan plan = plan(index, row, code, type, parent, existing.get(code), today);
                    UnitPeriodRules.Violation outside = plan == null || plan.outcome() == Outcome.UNCHANGED ? null
                            : UnitPeriodRules.check(plan.validFrom(), plan.validTo(), "parentCode", parent.code(),
                                    parent.validFrom(), parent.validTo());
                    if (plan == null) {
                        results[index] = reject(index, code, "type|an existing unit keeps its type ("
                                + existing.get(code).type + ")");
                    } else if (outside != null) {
                        results[index] = reject(index, code, outside.field() + "|" + outside.detail().en());
                    } else {
                        plans.add(plan);
                        known.put(code, new Known(plan.id(), code, type, plan.validFrom(), plan.validTo()));
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

        writer.write(province, plans, results);
        if (plans.stream().anyMatch(p -> p.outcome() != Outcome.UNCHANGED)) {
            writer.mergeSearchIndex();
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

    private UnitImportPlan plan(int index, ImportRow row, String code, OrgUnitType type, Known parent, OrgUnit current,
            LocalDate today) {
        String name = row.name().strip();
        Integer members = row.memberCount() == null || row.memberCount().isBlank() ? null
                : Integer.valueOf(row.memberCount().strip());
        LocalDate membersAsOf = ImportRowRules.date(row.memberCountAsOf());
        LocalDate validFrom = ImportRowRules.date(row.validFrom());
        LocalDate validTo = ImportRowRules.date(row.validTo());
        UnitSector sector = ImportRowRules.sector(row.sector());
        if (current == null) {
            return new UnitImportPlan(index, UUID.randomUUID(), code, name, type, parent.id(), members, membersAsOf,
                    validFrom != null ? validFrom : today, validTo, sector, Outcome.CREATED);
        }
        if (current.type != type) {
            return null;
        }
        // An empty validTo keeps the stored end: a file written before the unit was ended does not bring it back.
        boolean same = current.name.equals(name) && Objects.equals(current.parentId, parent.id())
                && (members == null || members.equals(current.memberCount))
                && (validTo == null || validTo.equals(current.validTo))
                && (sector == null || sector == current.sector);
        return new UnitImportPlan(index, current.id, code, name, type, parent.id(), members, membersAsOf,
                current.validFrom, validTo != null ? validTo : current.validTo, sector,
                same ? Outcome.UNCHANGED : Outcome.UPDATED);
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

    private static RowResult reject(int index, String code, String fieldAndReason) {
        int bar = fieldAndReason.indexOf('|');
        return new RowResult(index + 1, code, Outcome.REJECTED, null, fieldAndReason.substring(0, bar),
                fieldAndReason.substring(bar + 1));
    }
}
