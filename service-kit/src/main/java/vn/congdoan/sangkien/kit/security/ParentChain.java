package vn.congdoan.sangkien.kit.security;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

/** Subtree membership by walking a table's {@code parent_id} chain up from a unit, in one recursive query. */
public final class ParentChain {

    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private ParentChain() {
    }

    /** @param table a table with {@code id} and {@code parent_id} columns */
    public static boolean within(EntityManager em, String table, UUID unit, UUID root) {
        if (unit.equals(root)) {
            return true;
        }
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return (Boolean) em.createNativeQuery("""
                with recursive up(id, parent_id, depth) as (
                    select id, parent_id, 0 from %1$s where id = ?1
                    union all
                    select t.id, t.parent_id, up.depth + 1 from %1$s t join up on t.id = up.parent_id
                    where up.depth < 64
                )
                select exists (select 1 from up where id = ?2 or parent_id = ?2)
                """.formatted(table)).setParameter(1, unit).setParameter(2, root).getSingleResult();
    }
}
