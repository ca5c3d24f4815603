package vn.congdoan.sangkien.orgunit.service;

/**
 * One row of a bulk import, as sent: every value is text so that a bad value rejects its row, not the request.
 *
 * @param parentCode the code of the parent: the province itself, a unit already in the province, or another row
 */
public record ImportRow(String code, String name, String type, String parentCode, String memberCount,
        String memberCountAsOf, String validFrom) {
}
