package vn.congdoan.sangkien.orgunit.repository;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;

/**
 * Reads of the hierarchy as it stood on a given day: each unit with the name, parent and province of its period
 * that contains the day. Lists are ordered by code and paged by the last code seen.
 */
@ApplicationScoped
public class OrgUnitQueries {

    /** A unit as of a day. */
    public record UnitAsOf(UUID id, String code, String name, OrgUnitType type, UUID parentId, UUID provinceId,
            Integer memberCount, LocalDate memberCountAsOf, LocalDate validFrom, LocalDate validTo,
            UUID successorId, long version, int depth, UnitSector sector) {
    }

    /** Filters of a list; {@code null} means no filter. */
    public record Filter(OrgUnitType type, UUID parentId, UUID groupingId, String text) {
    }

    private static final String COLUMNS = """
            u.id, u.code, p.name, u.type, p.parent_id, p.province_id, u.member_count, u.member_count_as_of,
            u.valid_from, u.valid_to, u.successor_id, u.version, u.sector""";

    private static final String IN_FORCE = """
            (p.valid_from is null or p.valid_from <= :day) and (p.valid_to is null or p.valid_to > :day)""";

    private final EntityManager em;

    public OrgUnitQueries(EntityManager em) {
        this.em = em;
    }

    public Optional<UnitAsOf> byId(UUID id, LocalDate day) {
        List<UnitAsOf> found = rows(em.createNativeQuery("select " + COLUMNS + ", 0 from org_unit u "
                + "join org_unit_period p on p.unit_id = u.id where u.id = :id and " + IN_FORCE)
                .setParameter("id", id).setParameter("day", Date.valueOf(day)));
        return found.stream().findFirst();
    }

    /**
     * Units matching the filter on that day, by code. A text search first collects the units whose folded name or
     * code matches (trigram index), up to {@value #SEARCH_CANDIDATES}; a term that matches more is common enough that
     * walking the code index until the page is full is the faster plan, and the one used. Collecting costs about the
     * number of matches m, walking about (units / m) × page size: they cross near the square root of their product,
     * about 3,000 for 150,000 units and pages of 50 (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
     */
    public List<UnitAsOf> list(Filter filter, LocalDate day, String afterCode, int limit) {
        if (filter.text() == null) {
            return listWhere(filter, day, afterCode, limit, null, null);
        }
        String folded = VietnameseText.fold(filter.text());
        String like = "%" + likeEscaped(folded) + "%";
        List<UUID> candidates = candidates(filter, day, afterCode, like, folded);
        if (candidates.size() > SEARCH_CANDIDATES) {
            return listWhere(filter, day, afterCode, limit, "p.name_key like :text", like);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        return listWhere(filter, day, afterCode, limit, "u.id = any(:ids)", candidates.toArray(UUID[]::new));
    }

    private static final int SEARCH_CANDIDATES = 3_000;

    /** Units whose folded name contains the term (at most one more than the cap), and the unit with that code. */
    @SuppressWarnings("unchecked")
    private List<UUID> candidates(Filter filter, LocalDate day, String afterCode, String like, String folded) {
        String after = " and (cast(:after as text) is null or u.code > cast(:after as text))";
        String matches = afterCode == null
                ? "select p.unit_id from org_unit_period p where " + IN_FORCE + " and p.name_key like :text"
                : "select p.unit_id from org_unit_period p join org_unit u on u.id = p.unit_id where " + IN_FORCE
                        + " and p.name_key like :text" + after;
        var query = em.createNativeQuery(matches + " limit :cap", UUID.class)
                .setParameter("day", Date.valueOf(day)).setParameter("text", like)
                .setParameter("cap", SEARCH_CANDIDATES + 1);
        if (afterCode != null) {
            query.setParameter("after", afterCode);
        }
        List<UUID> ids = new ArrayList<>(query.getResultList());
        List<UUID> byCode = em.createNativeQuery("select u.id from org_unit u where vn_fold(u.code) = :code" + after,
                UUID.class).setParameter("code", folded).setParameter("after", afterCode).getResultList();
        byCode.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    private List<UnitAsOf> listWhere(Filter filter, LocalDate day, String afterCode, int limit, String condition,
            Object conditionValue) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + ", 0 from org_unit u "
                + "join org_unit_period p on p.unit_id = u.id where " + IN_FORCE);
        if (filter.type() != null) {
            sql.append(" and u.type = :type");
        }
        if (filter.parentId() != null) {
            sql.append(" and p.parent_id = :parent");
        }
        if (filter.groupingId() != null) {
            sql.append("""
                     and exists (select 1 from org_grouping_member m where m.grouping_id = :grouping and m.unit_id = u.id
                       and (m.valid_from is null or m.valid_from <= :day) and (m.valid_to is null or m.valid_to > :day))""");
        }
        if (condition != null) {
            sql.append(" and ").append(condition);
        }
        if (afterCode != null) {
            sql.append(" and u.code > :after");
        }
        sql.append(" order by u.code limit :limit");
        Query query = em.createNativeQuery(sql.toString()).setParameter("day", Date.valueOf(day))
                .setParameter("limit", limit);
        if (filter.type() != null) {
            query.setParameter("type", filter.type().name());
        }
        if (filter.parentId() != null) {
            query.setParameter("parent", filter.parentId());
        }
        if (filter.groupingId() != null) {
            query.setParameter("grouping", filter.groupingId());
        }
        if (condition != null) {
            query.setParameter(condition.contains(":ids") ? "ids" : "text", conditionValue);
        }
        if (afterCode != null) {
            query.setParameter("after", afterCode);
        }
        return rows(query);
    }

    /** Every unit directly below {@code id} on that day, by code. */
    public List<UnitAsOf> children(UUID id, LocalDate day) {
        return listWhere(new Filter(null, id, null, null), day, null, Integer.MAX_VALUE, null, null);
    }

    /**
     * The unit itself (depth 0) and the path from its parent up to the root, nearest first, in one round trip; empty
     * when the unit is not in force that day.
     */
    public List<UnitAsOf> withAncestors(UUID id, LocalDate day) {
        return rows(em.createNativeQuery("""
                with recursive up(unit_id, depth) as (
                    select p.unit_id, 0 from org_unit_period p where p.unit_id = :id and %1$s
                    union all
                    select p.parent_id, up.depth + 1 from up join org_unit_period p on p.unit_id = up.unit_id
                    where %1$s and p.parent_id is not null and up.depth < 64
                )
                select %2$s, up.depth from up join org_unit u on u.id = up.unit_id
                join org_unit_period p on p.unit_id = u.id and %1$s
                order by up.depth
                """.formatted(IN_FORCE, COLUMNS))
                .setParameter("id", id).setParameter("day", Date.valueOf(day)));
    }

    /** Every unit below {@code id} on that day, with its depth below it; ordered by code. */
    public List<UnitAsOf> subtree(UUID id, LocalDate day, String afterCode, int limit) {
        return rows(em.createNativeQuery("""
                with recursive down(unit_id, depth) as (
                    select p.unit_id, 1 from org_unit_period p where p.parent_id = :id and %1$s
                    union all
                    select p.unit_id, down.depth + 1 from down join org_unit_period p on p.parent_id = down.unit_id
                    where %1$s and down.depth < 64
                )
                select %2$s, down.depth from down join org_unit u on u.id = down.unit_id
                join org_unit_period p on p.unit_id = u.id and %1$s
                where (cast(:after as text) is null or u.code > cast(:after as text))
                order by u.code limit :limit
                """.formatted(IN_FORCE, COLUMNS))
                .setParameter("id", id).setParameter("day", Date.valueOf(day))
                .setParameter("after", afterCode).setParameter("limit", limit));
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @SuppressWarnings("unchecked")
    private static List<UnitAsOf> rows(Query query) {
        List<Object[]> raw = query.getResultList();
        List<UnitAsOf> rows = new ArrayList<>(raw.size());
        for (Object[] r : raw) {
            rows.add(new UnitAsOf((UUID) r[0], (String) r[1], (String) r[2], OrgUnitType.valueOf((String) r[3]),
                    (UUID) r[4], (UUID) r[5], (Integer) r[6], localDate(r[7]), localDate(r[8]), localDate(r[9]),
                    (UUID) r[10], ((Number) r[11]).longValue(), ((Number) r[13]).intValue(),
                    r[12] == null ? null : UnitSector.valueOf((String) r[12])));
        }
        return rows;
    }

    private static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
