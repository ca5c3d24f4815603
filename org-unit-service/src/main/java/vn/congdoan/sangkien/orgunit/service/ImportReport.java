package vn.congdoan.sangkien.orgunit.service;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What happened to each row of a bulk import, in the order the rows were sent. */
public record ImportReport(String province, int received, int created, int updated, int unchanged, int rejected,
        List<RowResult> results) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    /** @param row the row's position, from 1 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowResult(int row, String code, Outcome outcome, UUID id, String field, String reason) {
    }
}
