package vn.congdoan.sangkien.orgunit.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One row of a bulk import, as sent: every value is text so that a bad value rejects its row, not the request.
 *
 * @param parentCode the code of the parent: the province itself, a unit already in the province, or another row
 * @param validFrom  the first day in force; today when left out; a unit keeps the one it was created with
 * @param validTo    the first day no longer in force (a dissolved union); left out, the unit keeps its end or has none
 * @param sector     the kind of workplace; left out, the unit keeps its sector or has none
 */
public record ImportRow(String code, String name, String type, String parentCode, String memberCount,
        String memberCountAsOf,
        @Schema(description = "First day in force, YYYY-MM-DD; today in Vietnam when left out; not before the parent's "
                + "validFrom. A unit that exists keeps its own", example = "2019-03-01") String validFrom,
        @Schema(description = "First day no longer in force (the day it was dissolved), YYYY-MM-DD; after validFrom, "
                + "not after the parent's validTo. Left out, the unit keeps its end, or has none",
                example = "2023-06-30") String validTo,
        @Schema(description = "The kind of workplace, for the breakdowns by sector: STATE_OWNED_ENTERPRISE, "
                + "PRIVATE_ENTERPRISE, FOREIGN_INVESTED_ENTERPRISE, PUBLIC_SERVICE_UNIT, ADMINISTRATIVE_BODY or OTHER. "
                + "Left out, the unit keeps its sector, or has none", example = "PUBLIC_SERVICE_UNIT") String sector) {
}
