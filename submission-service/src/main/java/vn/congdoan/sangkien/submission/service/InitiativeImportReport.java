package vn.congdoan.sangkien.submission.service;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What happened to each row of a bulk import, in the order the rows were sent, with the totals. */
public record InitiativeImportReport(UUID provinceId, String provinceCode, int received, int created, int updated,
        int unchanged, int rejected, List<RowResult> results) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    /** @param row the row's position among the rows sent, from 1 (in a CSV file, blank lines are not counted) */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RowResult(int row, Outcome status, UUID id, String externalRef, List<FieldError> errors) {
    }

    public record FieldError(String field, String detail) {
    }
}
