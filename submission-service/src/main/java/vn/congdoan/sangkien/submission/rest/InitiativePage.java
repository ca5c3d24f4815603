package vn.congdoan.sangkien.submission.rest;

import java.util.List;

/** A page of initiatives; {@code nextCursor} is absent on the last page. */
public record InitiativePage(List<InitiativeView> items, String nextCursor) {
}
