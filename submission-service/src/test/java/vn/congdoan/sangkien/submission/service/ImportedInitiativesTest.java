package vn.congdoan.sangkien.submission.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.OrgUnitReplica;
import vn.congdoan.sangkien.submission.Visibility;

/** What an import row does to an initiative, and who counts and reviews it: plain rules, no service. */
class ImportedInitiativesTest {

    private static final Instant NOW = Instant.parse("2022-04-15T03:00:00Z");

    @Test
    void aRowCreatesAnInitiativeSubmittedOrAsADraftWithItsAuthorsConfirmed() {
        Initiative submitted = create(row(Visibility.INTERNAL, true, "m-1", "m-2"));
        assertThat(submitted.status).isEqualTo(InitiativeStatus.SUBMITTED);
        assertThat(submitted.submittedAt).isEqualTo(NOW);
        assertThat(submitted.submittedBy).isEqualTo("m-1");
        assertThat(submitted.authors).allMatch(a -> a.confirmed);
        Initiative draft = create(row(null, false, "m-1"));
        assertThat(draft.status).isEqualTo(InitiativeStatus.DRAFT);
        assertThat(draft.submittedAt).isNull();
        assertThat(draft.visibility).as("the default visibility").isEqualTo(Visibility.PUBLIC);
    }

    @Test
    void contentARowLeavesEmptyKeepsWhatIsStored() {
        Initiative stored = create(row(Visibility.PUBLIC, true, "m-1"));
        NewInitiative blank = new NewInitiative("1-trieu-sang-kien", "Tiêu đề", null, null, null,
                InitiativeField.OTHER, stored.unitId, null, "R-1", null, null, true);
        Set<String> withheld = Set.of("problem", "solution", "expectedBenefit", "authors", "visibility");
        assertThat(ImportedInitiatives.differs(stored, blank, withheld)).isFalse();
        NewInitiative renamed = new NewInitiative("1-trieu-sang-kien", "Tiêu đề mới", null, null, null,
                InitiativeField.OTHER, stored.unitId, null, "R-1", null, null, true);
        assertThat(ImportedInitiatives.differs(stored, renamed, withheld)).isTrue();
        ImportedInitiatives.update(stored, renamed, withheld);
        assertThat(stored.title).isEqualTo("Tiêu đề mới");
        assertThat(stored.problem).isEqualTo("Vấn đề");
        assertThat(stored.authors).extracting(a -> a.memberId).containsExactly("m-1");
    }

    @Test
    void contentTheImporterMayNotReadKeepsItsVisibilityAndItsAuthors() {
        Initiative confidential = create(row(Visibility.CONFIDENTIAL, true, "m-1"));
        assertThat(ImportedInitiatives.opensOrTakesOver(confidential, row(Visibility.PUBLIC, true, "m-1"), Set.of()))
                .extracting(e -> e.field()).isEqualTo("visibility");
        assertThat(ImportedInitiatives.opensOrTakesOver(confidential, row(Visibility.CONFIDENTIAL, true, "m-9"),
                Set.of())).extracting(e -> e.field()).isEqualTo("authors");
        assertThat(ImportedInitiatives.opensOrTakesOver(confidential, row(Visibility.CONFIDENTIAL, true, "m-1"),
                Set.of())).as("the same row").isNull();
        assertThat(ImportedInitiatives.opensOrTakesOver(confidential, row(null, true, null),
                Set.of("visibility", "authors"))).as("left empty, kept").isNull();
        Initiative internal = create(row(Visibility.INTERNAL, true, "m-1"));
        assertThat(ImportedInitiatives.opensOrTakesOver(internal, row(Visibility.CONFIDENTIAL, true, "m-1"), Set.of()))
                .as("raising it is allowed").isNull();
    }

    @Test
    void onlyConfirmedAuthorsCountAsSubmittersAndOnlyAssignmentsBySomeoneElseOpenTheCouncil() {
        Initiative initiative = create(row(Visibility.CONFIDENTIAL, true, "m-1"));
        initiative.authors.add(new Initiative.Author("m-claimed", "Đồng tác giả", false));
        assertThat(initiative.toEvent(InitiativeEvent.Type.UPDATED, NOW).authorIds()).containsExactly("m-1");
        assertThat(initiative.isListedAuthor("m-claimed")).isTrue();
        assertThat(initiative.isConfirmedAuthor("m-claimed")).isFalse();

        initiative.reviewers.add(new Initiative.Reviewer("m-self", "m-self", NOW));
        initiative.reviewers.add(new Initiative.Reviewer("m-council", "m-admin", NOW));
        assertThat(initiative.isAssignedReviewer("m-self")).as("assigned by themselves").isFalse();
        assertThat(initiative.isAssignedReviewer("m-council")).isTrue();
        assertThat(initiative.isReviewerAssigner("m-admin")).isTrue();
        assertThat(initiative.isReviewerAssigner("m-council")).isFalse();
    }

    private static NewInitiative row(Visibility visibility, boolean submit, String... authors) {
        return new NewInitiative("1-trieu-sang-kien", "Tiêu đề", "Vấn đề", "Giải pháp", "Lợi ích",
                InitiativeField.OTHER, UNIT, visibility, "R-1",
                authors == null || authors.length == 0 || authors[0] == null ? null
                        : List.of(authors).stream().map(a -> new Initiative.Author(a, "Tác giả", true)).toList(),
                null, submit);
    }

    private static final UUID UNIT = UUID.randomUUID();

    private static OrgUnitReplica province() {
        OrgUnitReplica province = new OrgUnitReplica();
        province.id = UUID.randomUUID();
        province.code = "42";
        return province;
    }

    private static Initiative create(NewInitiative row) {
        return ImportedInitiatives.create(row, PastRecord.NONE, null, province(), NOW, "apikey:test");
    }
}
