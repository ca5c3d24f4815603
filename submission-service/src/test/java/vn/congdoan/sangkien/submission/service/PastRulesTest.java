package vn.congdoan.sangkien.submission.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;
import vn.congdoan.sangkien.submission.service.PastRecord.Outcome;

class PastRulesTest {

    private static final Instant NOW = Instant.parse("2022-04-15T03:00:00Z");
    private static final Programmes.Programme PROGRAMME = new Programmes.Programme("1-trieu-sang-kien",
            LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1));
    private static final OffsetDateTime SUBMITTED = OffsetDateTime.parse("2021-10-05T08:00:00+07:00");

    @Test
    void aDayIsTakenInVietnamWhateverTheOffsetTheRowGives() {
        // 31 August 17:30 UTC is already 1 September in Vietnam: the programme's first day
        PastRecord past = past(OffsetDateTime.parse("2021-08-31T17:30:00Z"), null, null, null);
        assertThat(fields(past, true)).isEmpty();
        PastRecord before = past(OffsetDateTime.parse("2021-08-31T16:30:00Z"), null, null, null);
        assertThat(fields(before, true)).containsExactly("submittedAt");
    }

    @Test
    void eachOutcomeNeedsItsOwnFieldsAndNoOthers() {
        assertThat(fields(past(SUBMITTED, Outcome.RECOGNIZED, null, null), true)).containsExactly("reviewedAt");
        assertThat(fields(past(SUBMITTED, Outcome.WITHDRAWN, null, null), true)).containsExactly("endedAt");
        assertThat(fields(past(SUBMITTED, Outcome.DUPLICATE, null, SUBMITTED.plusDays(3)), true))
                .containsExactly("duplicateOf");
        assertThat(fields(past(SUBMITTED, Outcome.WITHDRAWN, SUBMITTED.plusDays(1), SUBMITTED.plusDays(2)), true))
                .containsExactly("reviewedAt");
        assertThat(fields(past(SUBMITTED, Outcome.RECOGNIZED, SUBMITTED.plusDays(1), null), true)).isEmpty();
    }

    @Test
    void anOutcomeFromAnImporterWhoIsNotTrustedIsRefusedNamingEachField() {
        assertThat(fields(past(SUBMITTED, Outcome.RECOGNIZED, SUBMITTED.plusDays(1), null), false))
                .containsExactly("outcome", "reviewedAt");
        assertThat(fields(past(SUBMITTED, null, null, null), false)).isEmpty();
    }

    @Test
    void withoutAnOutcomeAnEndIsNotRead() {
        // an export carries endedAt beside its status: importing it back keeps what is stored
        assertThat(fields(past(SUBMITTED, null, null, SUBMITTED.minusDays(1)), true)).isEmpty();
    }

    private static PastRecord past(OffsetDateTime submitted, Outcome outcome, OffsetDateTime reviewed,
            OffsetDateTime ended) {
        return new PastRecord(submitted, outcome, reviewed, null, null, null, null, ended, null);
    }

    private static List<String> fields(PastRecord past, boolean trusted) {
        Instant submittedAt = past.submitted();
        return PastRules.problems(past, true, trusted, NOW, PROGRAMME, submittedAt).stream().map(FieldError::field)
                .toList();
    }
}
