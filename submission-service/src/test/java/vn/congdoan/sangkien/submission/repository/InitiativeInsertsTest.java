package vn.congdoan.sangkien.submission.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.security.ChangeAudit;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;

/**
 * New initiatives written together (a group commit, a bulk import's batch) go to the database in one statement of
 * arrays; each must be stored exactly as the statement of one initiative stores it: every column, its authors in
 * order, its attachments, its audit entry and its event.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class InitiativeInsertsTest {

    private static final Instant AT = Instant.parse("2026-03-14T02:03:04.123456Z");

    @Inject
    InitiativeInserts inserts;

    @Inject
    DataSource dataSource;

    @Test
    void initiativesWrittenTogetherAreStoredAsEachWrittenAlone() throws SQLException {
        UUID original = UUID.randomUUID();
        inserts.insertAll(List.of(row(original, 0, null)));
        int kinds = 4;
        List<InitiativeInserts.Row> together = new ArrayList<>();
        List<InitiativeInserts.Row> alone = new ArrayList<>();
        for (int kind = 0; kind < kinds; kind++) {
            together.add(row(UUID.randomUUID(), kind, original));
            alone.add(row(UUID.randomUUID(), kind, original));
        }
        QuarkusTransaction.requiringNew().run(() -> inserts.insertAll(together));
        for (InitiativeInserts.Row row : alone) {
            inserts.insertAll(List.of(row));
        }

        for (int kind = 0; kind < kinds; kind++) {
            String grouped = together.get(kind).initiative().id.toString();
            String single = alone.get(kind).initiative().id.toString();
            Function<String, String> sameId = stored -> stored.replace(grouped, single);
            assertThat(sameId.apply(json("select row_to_json(i)::text from initiative i where id = ?::uuid", grouped)))
                    .as("initiative of kind %d", kind)
                    .isEqualTo(json("select row_to_json(i)::text from initiative i where id = ?::uuid", single))
                    .contains(single);
            assertThat(sameId.apply(json("""
                    select json_agg(a order by position)::text from initiative_author a
                    where initiative_id = ?::uuid""", grouped)))
                    .as("authors of kind %d", kind)
                    .isEqualTo(json("""
                            select json_agg(a order by position)::text from initiative_author a
                            where initiative_id = ?::uuid""", single));
            assertThat(sameId.apply(String.valueOf(json("""
                    select json_agg(a order by position)::text from initiative_attachment a
                    where initiative_id = ?::uuid""", grouped))))
                    .as("attachments of kind %d", kind)
                    .isEqualTo(String.valueOf(json("""
                            select json_agg(a order by position)::text from initiative_attachment a
                            where initiative_id = ?::uuid""", single)));
            String event = """
                    select json_build_array(topic, record_key, payload::jsonb - 'eventId', event_type, occurred_at,
                        trace_parent, event_id is not null)::text
                    from outbox_event where payload like '%' || ? || '%'""";
            assertThat(sameId.apply(json(event, grouped))).as("event of kind %d", kind)
                    .isEqualTo(json(event, single)).contains(single);
            String audit = "select json_agg(json_build_array(method, path, occurrences))::text from audit_entry"
                    + " where actor = ?";
            assertThat(json(audit, "m-audit-" + grouped)).as("audit entry of kind %d", kind)
                    .isEqualTo(kind % 2 == 0 ? "[[\"POST\", \"/api/v1/initiatives\", 1]]" : null);
        }
    }

    /** Kinds: 0 a plain submission, 1 a draft with co-authors, 2 one with attachments, 3 an imported decided one. */
    private static InitiativeInserts.Row row(UUID id, int kind, UUID duplicateOf) {
        Initiative initiative = new Initiative();
        initiative.id = id;
        initiative.programmeCode = "PROGRAMME-INSERTS";
        initiative.title = "Tiết kiệm điện " + kind;
        initiative.problem = "Vấn đề: \"quoted\", {braces}, commas, and a backslash \\";
        initiative.solution = "Giải pháp " + kind;
        initiative.expectedBenefit = "Lợi ích";
        initiative.field = InitiativeField.values()[kind % InitiativeField.values().length];
        initiative.unitId = new UUID(1, kind);
        initiative.provinceId = new UUID(2, kind);
        initiative.visibility = Visibility.values()[kind % Visibility.values().length];
        initiative.status = kind == 1 ? InitiativeStatus.DRAFT : InitiativeStatus.SUBMITTED;
        initiative.submittedBy = "m-author-" + kind;
        initiative.submittedAt = kind == 1 ? null : AT;
        initiative.createdAt = AT.minusSeconds(60);
        initiative.updatedAt = AT;
        initiative.authors.add(new Initiative.Author("m-author-" + kind, "Nguyễn Văn " + kind, true));
        if (kind == 1) {
            initiative.authors.add(new Initiative.Author("m-co-author", "Lê Văn C", false));
            initiative.authors.add(new Initiative.Author("m-third", "Trần Thị \"Ba\"", true));
        }
        if (kind == 2) {
            initiative.attachments.add(new Initiative.Attachment("bản vẽ.pdf", 12_345, "application/pdf", "a".repeat(64)));
            initiative.attachments.add(new Initiative.Attachment("ảnh.png", 0, "image/png", "b".repeat(64)));
            initiative.externalRef = "HT-" + id;
        }
        if (kind == 3) {
            initiative.status = InitiativeStatus.RECOGNIZED;
            initiative.noveltyScore = 8;
            initiative.feasibilityScore = 7;
            initiative.effectivenessScore = 9;
            initiative.reviewDecision = InitiativeStatus.RECOGNIZED;
            initiative.estimatedBenefitVnd = 1_500_000_000L;
            initiative.reviewedAt = AT.plusSeconds(3_600);
            initiative.duplicateOf = duplicateOf;
            initiative.endedAt = AT.plusSeconds(7_200);
            initiative.imported = true;
            initiative.importedBy = "m-importer";
            initiative.importedAt = AT.plusSeconds(10);
        }
        InitiativeEvent event = initiative.toEvent(kind == 1 ? InitiativeEvent.Type.CREATED
                : InitiativeEvent.Type.SUBMITTED, AT);
        ChangeAudit.Entry audit = kind % 2 == 0 ? new ChangeAudit.Entry("m-audit-" + id, "POST", "/api/v1/initiatives")
                : null;
        return new InitiativeInserts.Row(initiative, event, audit, kind == 2 ? "00-" + "1".repeat(32) + "-"
                + "2".repeat(16) + "-01" : null);
    }

    private String json(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
