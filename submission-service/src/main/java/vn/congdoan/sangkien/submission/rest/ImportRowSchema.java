package vn.congdoan.sangkien.submission.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.submission.service.PastRecord;

/** The OpenAPI schema of an import row: the fields of a creation and those of its past. */
@Schema(name = "InitiativeImportRow", allOf = { CreateInitiativeRequest.class, PastRecord.class },
        description = "A row of a bulk import; externalRef is required")
final class ImportRowSchema {

    private ImportRowSchema() {
    }
}
