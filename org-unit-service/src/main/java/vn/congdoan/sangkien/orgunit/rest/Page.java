package vn.congdoan.sangkien.orgunit.rest;

import java.util.List;
import java.util.function.Function;

import vn.congdoan.sangkien.kit.rest.QueryParams;

/** A page of a list; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only tells that more follow. */
    static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> code) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(),
                more ? QueryParams.cursor(code.apply(shown.get(shown.size() - 1))) : null);
    }

    /** The code a cursor this API returned ends its page with (cursors are opaque to clients); null without one. */
    static String after(String cursor) {
        return QueryParams.cursor(cursor, 1, parts -> parts[0]);
    }
}
