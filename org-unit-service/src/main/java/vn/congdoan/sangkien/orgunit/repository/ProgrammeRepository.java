package vn.congdoan.sangkien.orgunit.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.orgunit.Programme;
import vn.congdoan.sangkien.orgunit.ProgrammeTarget;
import vn.congdoan.sangkien.orgunit.service.HierarchyRules;

/** Programmes are read with their phases, which every answer carries. */
@ApplicationScoped
public class ProgrammeRepository implements PanacheRepositoryBase<Programme, String> {

    private static final String WITH_PHASES = "from Programme p left join fetch p.phases ";

    /** Not {@code firstResult}: a row limit with a collection fetch would be applied in memory. */
    public Optional<Programme> findWithPhases(String code) {
        return find(WITH_PHASES + "where p.code = ?1", code).singleResultOptional();
    }

    public List<Programme> listWithPhases() {
        return list(WITH_PHASES + "order by p.startDate, p.code");
    }

    /**
     * A programme locked until the transaction ends, for a change of its targets: the targets of a phase are set in
     * parts by many administrators, and each change publishes the whole programme, so changes take turns instead of
     * failing on each other's version.
     */
    public Optional<Programme> findForUpdate(String code) {
        return findByIdOptional(code, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The targets of one phase set nationally (those of the confederation and of the units directly below it), with
     * each unit's code and name, by unit code.
     */
    public List<ProgrammeUnitTarget> nationalTargets(String programmeCode, String phaseCode) {
        return getEntityManager().createQuery("""
                select new vn.congdoan.sangkien.orgunit.repository.ProgrammeUnitTarget(
                        t.unitId, u.code, u.name, t.target)
                from ProgrammePhase p join p.targets t join OrgUnit u on u.id = t.unitId
                where p.programme.code = :programme and p.code = :phase and u.type in :types
                order by u.code
                """, ProgrammeUnitTarget.class)
                .setParameter("programme", programmeCode)
                .setParameter("phase", phaseCode)
                .setParameter("types", HierarchyRules.NATIONAL_LEVEL)
                .getResultList();
    }

    /** The targets that {@code units} have in one phase, by unit id; a unit without one is absent. */
    @SuppressWarnings("unchecked")
    public Map<UUID, Long> targetsOf(String programmeCode, String phaseCode, Collection<UUID> units) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select t.unit_id, t.target from programme_target t join programme_phase p on p.id = t.phase_id
                where p.programme_code = ?1 and p.code = ?2 and t.unit_id = any(?3)
                """).setParameter(1, programmeCode).setParameter(2, phaseCode)
                .setParameter(3, units.toArray(UUID[]::new)).getResultList();
        Map<UUID, Long> targets = new HashMap<>();
        rows.forEach(row -> targets.put((UUID) row[0], ((Number) row[1]).longValue()));
        return targets;
    }

    /**
     * Replaces the targets that {@code units} have in one phase with {@code targets}, row by row in the database:
     * the phase's other targets (some 150,000 over every level) are neither read nor written.
     */
    public void replaceTargets(long phaseId, Collection<UUID> units, Collection<ProgrammeTarget> targets) {
        getEntityManager().createNativeQuery("delete from programme_target where phase_id = ?1 and unit_id = any(?2)")
                .setParameter(1, phaseId).setParameter(2, units.toArray(UUID[]::new)).executeUpdate();
        if (!targets.isEmpty()) {
            getEntityManager().createNativeQuery("""
                    insert into programme_target (phase_id, unit_id, target)
                    select ?1, u, t from unnest(?2, ?3) as x(u, t)
                    """).setParameter(1, phaseId)
                    .setParameter(2, targets.stream().map(ProgrammeTarget::unitId).toArray(UUID[]::new))
                    .setParameter(3, targets.stream().map(ProgrammeTarget::target).toArray(Long[]::new))
                    .executeUpdate();
        }
    }
}
