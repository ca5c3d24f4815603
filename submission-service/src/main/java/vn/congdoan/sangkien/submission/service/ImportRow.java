package vn.congdoan.sangkien.submission.service;

import java.util.List;
import java.util.Set;

import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;

/**
 * One row of a bulk import as read: what it creates or updates, or why it cannot.
 *
 * @param initiative {@code null} when the row has errors
 * @param past       its past as the provincial system recorded it; {@link PastRecord#NONE} when it tells none
 * @param withheld   content the row leaves empty ({@code problem}, {@code solution}, {@code expectedBenefit},
 *                   {@code authors}, {@code visibility}): an update keeps what is stored, a creation needs the first
 *                   four and takes PUBLIC for the last
 */
public record ImportRow(String externalRef, NewInitiative initiative, PastRecord past, Set<String> withheld,
        List<FieldError> errors) {

    public static final Set<String> CONTENT = Set.of("problem", "solution", "expectedBenefit", "authors");
}
