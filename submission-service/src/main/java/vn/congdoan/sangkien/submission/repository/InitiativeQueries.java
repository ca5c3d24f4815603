package vn.congdoan.sangkien.submission.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.rest.QueryParams;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;

/** Filtered lists of initiatives, newest first, paged by position: stable while new initiatives arrive. */
@ApplicationScoped
public class InitiativeQueries {

    /**
     * Every part is optional; {@code unitId} means the unit and every unit below it in the replica.
     *
     * @param submittedFrom  submitted at or after
     * @param submittedUntil submitted before
     */
    public record Filter(UUID provinceId, UUID unitId, Set<InitiativeStatus> statuses, Set<InitiativeField> fields,
            Instant submittedFrom, Instant submittedUntil, String authorId, String programmeCode,
            Reader readableBy, Set<UUID> ids) {

        public static Filter province(UUID provinceId) {
            return new Filter(provinceId, null, Set.of(), Set.of(), null, null, null, null, null, Set.of());
        }
    }

    /**
     * A caller whose page holds only initiatives whose content they may read (the rules of
     * {@code InitiativeAccess.mayReadContent}): a filter by author must neither list nor count, nor let a cursor
     * point past, an initiative whose authors the caller may not see.
     *
     * @param memberId    the caller's member id; null when anonymous
     * @param allInternal whether every INTERNAL initiative is readable (national administrators)
     * @param officerUnit the unit an administrator's or reviewer's role covers: INTERNAL initiatives of its subtree
     * @param memberUnit  a member's unit: INTERNAL initiatives of it and of the units above it
     */
    public record Reader(String memberId, boolean allInternal, UUID officerUnit, UUID memberUnit) {

        public static final Reader ANONYMOUS = new Reader(null, false, null, null);
    }

    /** Where a page ends: the order key of its last row, a time (of creation, or of the last change) and its id. */
    public record Position(Instant at, UUID id) {

        /** The position a cursor this API returned names; null without one. */
        public static Position fromCursor(String cursor) {
            return QueryParams.cursor(cursor, 3, parts -> {
                Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (!QueryParams.inRange(LocalDate.ofInstant(at, ZoneOffset.UTC))) {
                    throw new IllegalArgumentException("outside the years a time can have");
                }
                return new Position(at, UUID.fromString(parts[2]));
            });
        }

        /** The cursor of the page that starts after this position: opaque to clients. */
        public String cursor() {
            return QueryParams.cursor(Long.toString(at.getEpochSecond()), Integer.toString(at.getNano()),
                    id.toString());
        }
    }

    /** @param next where the following page starts; {@code null} on the last page */
    public record Slice(List<Initiative> items, Position next) {
    }

    private final EntityManager em;

    public InitiativeQueries(EntityManager em) {
        this.em = em;
    }

    /** Up to {@code limit} initiatives after {@code after} (newest first), with their authors, in two queries. */
    public Slice page(Filter filter, Position after, int limit) {
        StringBuilder sql = new StringBuilder("select i.id, i.created_at from initiative i where true");
        Map<String, Object> params = new HashMap<>();
        if (filter.provinceId() != null) {
            sql.append(" and i.province_id = :province");
            params.put("province", filter.provinceId());
        }
        if (filter.unitId() != null) {
            sql.append(" and ").append(inSubtree("unit"));
            params.put("unit", filter.unitId());
        }
        if (!filter.ids().isEmpty()) {
            sql.append(" and i.id in (:ids)");
            params.put("ids", filter.ids());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" and i.status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.fields().isEmpty()) {
            sql.append(" and i.field in (:fields)");
            params.put("fields", filter.fields().stream().map(Enum::name).toList());
        }
        if (filter.submittedFrom() != null) {
            sql.append(" and i.submitted_at >= :from");
            params.put("from", utc(filter.submittedFrom()));
        }
        if (filter.submittedUntil() != null) {
            sql.append(" and i.submitted_at < :until");
            params.put("until", utc(filter.submittedUntil()));
        }
        if (filter.authorId() != null) {
            sql.append(" and exists (select 1 from initiative_author a where a.initiative_id = i.id"
                    + " and a.member_id = :author)");
            params.put("author", filter.authorId());
        }
        if (filter.readableBy() != null) {
            readable(filter.readableBy(), sql, params);
        }
        if (filter.programmeCode() != null) {
            sql.append(" and i.programme_code = :programme");
            params.put("programme", filter.programmeCode());
        }
        if (after != null) {
            sql.append(" and (i.created_at, i.id) < (:afterAt, :afterId)");
            params.put("afterAt", utc(after.at()));
            params.put("afterId", after.id());
        }
        sql.append(" order by i.created_at desc, i.id desc limit :limit");
        params.put("limit", limit + 1);
        Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();

        boolean more = rows.size() > limit;
        List<Object[]> shown = more ? rows.subList(0, limit) : rows;
        List<UUID> ids = shown.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, Initiative> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select distinct i from Initiative i left join fetch i.authors where i.id in :ids",
                    Initiative.class).setParameter("ids", ids).getResultList().forEach(i -> byId.put(i.id, i));
        }
        List<Initiative> items = new ArrayList<>(ids.size());
        ids.forEach(id -> items.add(byId.get(id)));
        Object[] last = more ? shown.get(shown.size() - 1) : null;
        return new Slice(items, last == null ? null : new Position(instant(last[1]), (UUID) last[0]));
    }

    /**
     * The changes of a province after {@code after}, in the order they were made ({@code updated_at}, then id), up
     * to those made before {@code horizon}: a change still being committed then cannot fall behind a cursor.
     */
    public List<Initiative> changes(UUID provinceId, Position after, Instant horizon, int limit) {
        return em.createQuery("select i from Initiative i where i.provinceId = :province"
                + " and (i.updatedAt > :at or i.updatedAt = :at and i.id > :id) and i.updatedAt < :horizon"
                + " order by i.updatedAt, i.id", Initiative.class)
                .setParameter("province", provinceId).setParameter("at", after.at()).setParameter("id", after.id())
                .setParameter("horizon", horizon).setMaxResults(limit).getResultList();
    }

    private static void readable(Reader reader, StringBuilder sql, Map<String, Object> params) {
        sql.append(" and (i.visibility = 'PUBLIC'");
        if (reader.memberId() != null) {
            sql.append("""
                     or exists (select 1 from initiative_author a where a.initiative_id = i.id and a.member_id = :reader)
                     or exists (select 1 from initiative_reviewer r where r.initiative_id = i.id
                                and r.member_id = :reader and r.assigned_by <> :reader)""");
            params.put("reader", reader.memberId());
        }
        if (reader.allInternal()) {
            sql.append(" or i.visibility = 'INTERNAL'");
        }
        if (reader.officerUnit() != null) {
            sql.append(" or i.visibility = 'INTERNAL' and ").append(inSubtree("officerUnit"));
            params.put("officerUnit", reader.officerUnit());
        }
        if (reader.memberUnit() != null) {
            sql.append("""
                     or i.visibility = 'INTERNAL' and i.unit_id in (
                        with recursive up(id, parent_id, depth) as (
                            select id, parent_id, 0 from org_unit_replica where id = cast(:memberUnit as uuid)
                            union all
                            select u.id, u.parent_id, up.depth + 1 from org_unit_replica u join up on u.id = up.parent_id
                            where up.depth < 64
                        ) select id from up)""");
            params.put("memberUnit", reader.memberUnit());
        }
        sql.append(")");
    }

    /** The condition that the initiative's unit is the one named by {@code parameter} or any unit below it. */
    private static String inSubtree(String parameter) {
        return """
                i.unit_id in (
                    with recursive down(id, depth) as (
                        select cast(:%s as uuid), 0
                        union all
                        select u.id, down.depth + 1 from org_unit_replica u join down on u.parent_id = down.id
                        where down.depth < 64
                    ) select id from down)""".formatted(parameter);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
