package vn.congdoan.sangkien.submission.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.security.ChangeAudit;
import vn.congdoan.sangkien.kit.tracing.TraceContext;
import vn.congdoan.sangkien.submission.Initiative;

/**
 * Writes a new initiative, its authors, its attachments, its event and its audit entry in one statement: the write
 * path members use most, in one round trip to the database. Without a transaction the statement commits on its own (it is atomic);
 * inside one (an idempotent request, a bulk import) it joins it. The columns are those {@link Initiative} maps.
 */
@ApplicationScoped
public class InitiativeInserts {

    private static final String INITIATIVE_AND_AUTHORS = """
            with initiative_row as (
                insert into initiative (id, programme_code, title, problem, solution, expected_benefit, field,
                    unit_id, province_id, visibility, status, external_ref, submitted_by, submitted_at, created_at,
                    updated_at, version, novelty_score, feasibility_score, effectiveness_score, review_decision,
                    estimated_benefit_vnd, reviewed_at, duplicate_of, ended_at, imported, imported_by, imported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ), author_rows as (
                insert into initiative_author (initiative_id, position, member_id, display_name, confirmed)
                select ?, a.n - 1, a.member_id, a.display_name, a.confirmed
                from unnest(?::text[], ?::text[], ?::boolean[]) with ordinality as a (member_id, display_name, confirmed, n)
            )""";
    private static final String ATTACHMENTS = """
            , attachment_rows as (
                insert into initiative_attachment (initiative_id, position, name, size_bytes, media_type, sha256)
                select ?, a.n - 1, a.name, a.size_bytes, a.media_type, a.sha256
                from unnest(?::text[], ?::bigint[], ?::text[], ?::text[])
                    with ordinality as a (name, size_bytes, media_type, sha256, n)
            )""";
    /** Most initiatives come without attachments: their statement binds two arrays, not six. */
    private static final String INSERT = INITIATIVE_AND_AUTHORS + ",\n" + ChangeAudit.INSERT_CTE + "\n" + Outbox.INSERT;
    private static final String INSERT_WITH_ATTACHMENTS = INITIATIVE_AND_AUTHORS + ATTACHMENTS + ",\n"
            + ChangeAudit.INSERT_CTE + "\n" + Outbox.INSERT;

    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final Outbox outbox;

    public InitiativeInserts(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * A new initiative, its first event, the audit entry of the request that writes it when the statement carries
     * that (null: a transaction around the statement does, or none is due), and the trace context of that request,
     * taken on its thread: the group commit writes the row on another.
     */
    public record Row(Initiative initiative, InitiativeEvent event, ChangeAudit.Entry audit, String traceParent) {

        public Row(Initiative initiative, InitiativeEvent event, ChangeAudit.Entry audit) {
            this(initiative, event, audit, TraceContext.current());
        }

        public Row(Initiative initiative, InitiativeEvent event) {
            this(initiative, event, null);
        }
    }

    /**
     * Inserts the initiatives (version 0) and their events, keyed by their provincial federations; many in JDBC
     * batches of {@value #BATCH}, in the caller's transaction (a bulk import, a group commit).
     */
    public void insertAll(List<Row> rows) {
        insertAll(rows, 0);
    }

    /**
     * As {@link #insertAll(List)}, each statement cancelled by the database after {@code timeoutSeconds} (0: never),
     * so that a stalled database answers in bounded time.
     */
    public void insertAll(List<Row> rows, int timeoutSeconds) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (rows.size() == 1) {
                execute(connection, rows.get(0).initiative().attachments.isEmpty() ? INSERT : INSERT_WITH_ATTACHMENTS,
                        rows, timeoutSeconds);
            } else {
                Map<Boolean, List<Row>> byAttachments = rows.stream()
                        .collect(Collectors.partitioningBy(r -> !r.initiative().attachments.isEmpty()));
                execute(connection, INSERT, byAttachments.get(false), timeoutSeconds);
                execute(connection, INSERT_WITH_ATTACHMENTS, byAttachments.get(true), timeoutSeconds);
            }
        } catch (SQLException e) {
            throw new PersistenceException(rows.size() == 1 ? "Initiative " + rows.get(0).initiative().id
                    + " not stored" : rows.size() + " initiatives not stored", e);
        }
        outbox.written();
    }

    private static void execute(Connection connection, String sql, List<Row> rows, int timeoutSeconds)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setQueryTimeout(timeoutSeconds);
            if (rows.size() == 1) {
                bind(insert, rows.get(0));
                insert.executeUpdate();
                return;
            }
            int pending = 0;
            for (Row row : rows) {
                bind(insert, row);
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, Row row) throws SQLException {
        Initiative initiative = row.initiative();
        int p = 1;
        insert.setObject(p++, initiative.id);
        insert.setString(p++, initiative.programmeCode);
        insert.setString(p++, initiative.title);
        insert.setString(p++, initiative.problem);
        insert.setString(p++, initiative.solution);
        insert.setString(p++, initiative.expectedBenefit);
        insert.setString(p++, initiative.field.name());
        insert.setObject(p++, initiative.unitId);
        insert.setObject(p++, initiative.provinceId);
        insert.setString(p++, initiative.visibility.name());
        insert.setString(p++, initiative.status.name());
        insert.setString(p++, initiative.externalRef);
        insert.setString(p++, initiative.submittedBy);
        insert.setObject(p++, time(initiative.submittedAt));
        insert.setObject(p++, time(initiative.createdAt));
        insert.setObject(p++, time(initiative.updatedAt));
        insert.setLong(p++, initiative.version);
        // an imported initiative may arrive with its council's decision or its end already behind it
        insert.setObject(p++, initiative.noveltyScore, Types.SMALLINT);
        insert.setObject(p++, initiative.feasibilityScore, Types.SMALLINT);
        insert.setObject(p++, initiative.effectivenessScore, Types.SMALLINT);
        insert.setString(p++, initiative.reviewDecision == null ? null : initiative.reviewDecision.name());
        insert.setObject(p++, initiative.estimatedBenefitVnd, Types.BIGINT);
        insert.setObject(p++, time(initiative.reviewedAt));
        insert.setObject(p++, initiative.duplicateOf);
        insert.setObject(p++, time(initiative.endedAt));
        insert.setBoolean(p++, initiative.imported);
        insert.setString(p++, initiative.importedBy);
        insert.setObject(p++, time(initiative.importedAt));

        insert.setObject(p++, initiative.id);
        // Arrays of Java strings and numbers go to the server in binary; createArrayOf would first write each as
        // escaped text (a sixth of what a POST allocated).
        insert.setObject(p++, initiative.authors.stream().map(a -> a.memberId).toArray(String[]::new));
        insert.setObject(p++, initiative.authors.stream().map(a -> a.displayName).toArray(String[]::new));
        boolean[] confirmed = new boolean[initiative.authors.size()];
        for (int i = 0; i < confirmed.length; i++) {
            confirmed[i] = initiative.authors.get(i).confirmed;
        }
        insert.setObject(p++, confirmed);

        if (!initiative.attachments.isEmpty()) {
            insert.setObject(p++, initiative.id);
            insert.setObject(p++, initiative.attachments.stream().map(a -> a.name()).toArray(String[]::new));
            insert.setObject(p++, initiative.attachments.stream().mapToLong(a -> a.sizeBytes()).toArray());
            insert.setObject(p++, initiative.attachments.stream().map(a -> a.mediaType()).toArray(String[]::new));
            insert.setObject(p++, initiative.attachments.stream().map(a -> a.sha256()).toArray(String[]::new));
        }

        p = ChangeAudit.Entry.bind(insert, p, row.audit());
        Outbox.bind(insert, p, Topics.INITIATIVE_EVENTS, initiative.provinceId, row.event(), row.traceParent());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
