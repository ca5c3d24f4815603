package vn.congdoan.sangkien.ranking.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Reads the current counts of every province in force, whether or not it has submissions yet. */
@ApplicationScoped
public class StandingsQuery {

    /** One province's counts before ranking. */
    public record Row(UUID provinceId, String code, String name, Integer memberCount, long submissions,
            long submitters, long recognized) {
    }

    private final EntityManager em;

    public StandingsQuery(EntityManager em) {
        this.em = em;
    }

    public List<Row> current(String programmeCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, p.code, p.name, p.member_count,
                       coalesce(s.submissions, 0), coalesce(s.submitters, 0), coalesce(s.recognized, 0)
                from province p
                left join standing s on s.province_id = p.id and s.programme_code = ?1
                where p.valid_to is null or p.valid_to > current_date
                """).setParameter(1, programmeCode).getResultList();
        return rows.stream().map(r -> new Row((UUID) r[0], (String) r[1], (String) r[2], (Integer) r[3],
                ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue())).toList();
    }
}
