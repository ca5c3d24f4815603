package vn.congdoan.sangkien.submission.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A province's initiatives counted per unit, by the standings' rule, for the province to reconcile its own figures
 * with the standings: a submission counts from the day it was submitted until the day it ended, a recognition from
 * the day the council recognised it until that day; both at the end of a day in Vietnam. The other figures count the
 * statuses the initiatives are in now. Counts only: no title, no text, whatever an initiative's visibility.
 */
@ApplicationScoped
public class UnitCounts {

    /** The counts of one unit. */
    public record Row(UUID unitId, String unitCode, String unitName, long submissions, long recognized, long drafts,
            long underReview, long notRecognized, long withdrawn, long duplicates) {
    }

    private static final String COUNTS = """
            select i.unit_id, u.code, u.name,
                   count(*) filter (where i.submitted_at < :dayEnd and (i.ended_at is null or i.ended_at >= :dayEnd)),
                   count(*) filter (where i.review_decision = 'RECOGNIZED' and i.reviewed_at < :dayEnd
                                    and i.submitted_at < :dayEnd and (i.ended_at is null or i.ended_at >= :dayEnd)),
                   count(*) filter (where i.status = 'DRAFT'),
                   count(*) filter (where i.status = 'UNDER_REVIEW'),
                   count(*) filter (where i.status = 'NOT_RECOGNIZED'),
                   count(*) filter (where i.status = 'WITHDRAWN'),
                   count(*) filter (where i.status = 'DUPLICATE')
            from initiative i left join org_unit_replica u on u.id = i.unit_id
            where i.province_id = :province and i.programme_code = :programme
            group by i.unit_id, u.code, u.name
            order by u.code, i.unit_id
            """;

    private final EntityManager em;

    public UnitCounts(EntityManager em) {
        this.em = em;
    }

    /** The counts of every unit of {@code province} with an initiative in {@code programme}, at the end of {@code day}. */
    public List<Row> of(UUID province, String programme, LocalDate day, ZoneId zone) {
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COUNTS).setParameter("province", province)
                .setParameter("programme", programme).setParameter("dayEnd", dayEnd).getResultList();
        return rows.stream().map(r -> new Row((UUID) r[0], (String) r[1], (String) r[2], number(r[3]), number(r[4]),
                number(r[5]), number(r[6]), number(r[7]), number(r[8]), number(r[9]))).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
