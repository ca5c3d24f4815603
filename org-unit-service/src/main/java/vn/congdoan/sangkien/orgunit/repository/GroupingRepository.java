package vn.congdoan.sangkien.orgunit.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.orgunit.Grouping;

/** Groupings are read with their memberships, which every answer and every event carries. */
@ApplicationScoped
public class GroupingRepository implements PanacheRepositoryBase<Grouping, UUID> {

    private static final String WITH_MEMBERS = "from Grouping g left join fetch g.memberships ";
    private static final String IN_FORCE = "(g.validFrom is null or g.validFrom <= :day) "
            + "and (g.validTo is null or g.validTo > :day)";

    /** Not {@code firstResult}: a row limit with a collection fetch would be applied in memory. */
    public Optional<Grouping> findWithMembers(UUID id) {
        return find(WITH_MEMBERS + "where g.id = ?1", id).singleResultOptional();
    }

    public Optional<Grouping> findByCodeWithMembers(String code) {
        return find(WITH_MEMBERS + "where g.code = ?1", code).singleResultOptional();
    }

    public boolean codeTaken(String code) {
        return count("code", code) > 0;
    }

    /** Groupings in force on {@code day}, of one kind or of all when {@code kind} is null. */
    public List<Grouping> listInForce(GroupingKind kind, LocalDate day) {
        Parameters params = Parameters.with("day", day);
        String where = IN_FORCE;
        if (kind != null) {
            where += " and g.kind = :kind";
            params.and("kind", kind);
        }
        return list(WITH_MEMBERS + "where " + where + " order by g.kind, g.code", params);
    }

    /**
     * The units whose membership is in force on {@code day} and that are themselves in force that day (a merged
     * province leaves its groupings with the merge), with their code and their name of that day, by code.
     */
    public List<GroupingMember> membersOn(UUID groupingId, LocalDate day) {
        return getEntityManager().createQuery("""
                select new vn.congdoan.sangkien.orgunit.repository.GroupingMember(
                        m.unitId, u.code, p.name, m.validFrom, m.validTo)
                from GroupingMembership m join OrgUnit u on u.id = m.unitId
                join OrgUnitPeriod p on p.unitId = m.unitId
                where m.grouping.id = :id
                  and (m.validFrom is null or m.validFrom <= :day)
                  and (m.validTo is null or m.validTo > :day)
                  and (p.validFrom is null or p.validFrom <= :day)
                  and (p.validTo is null or p.validTo > :day)
                order by u.code
                """, GroupingMember.class)
                .setParameter("id", groupingId)
                .setParameter("day", day)
                .getResultList();
    }
}
