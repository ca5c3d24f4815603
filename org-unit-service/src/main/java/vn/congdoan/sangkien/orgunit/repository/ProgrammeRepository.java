package vn.congdoan.sangkien.orgunit.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.congdoan.sangkien.orgunit.Programme;

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

    /** The targets of one phase with each unit's code and name, by unit code. */
    public List<ProgrammeUnitTarget> targets(String programmeCode, String phaseCode) {
        return getEntityManager().createQuery("""
                select new vn.congdoan.sangkien.orgunit.repository.ProgrammeUnitTarget(
                        t.unitId, u.code, u.name, t.target)
                from ProgrammePhase p join p.targets t join OrgUnit u on u.id = t.unitId
                where p.programme.code = :programme and p.code = :phase
                order by u.code
                """, ProgrammeUnitTarget.class)
                .setParameter("programme", programmeCode)
                .setParameter("phase", phaseCode)
                .getResultList();
    }
}
