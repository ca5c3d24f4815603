package vn.congdoan.sangkien.submission.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

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

    /** The columns {@link Initiative} maps, in the order both statements below bind them. */
    private static final String INTO_INITIATIVE = """
            insert into initiative (id, programme_code, title, problem, solution, expected_benefit, field,
                unit_id, province_id, visibility, status, external_ref, submitted_by, submitted_at, created_at,
                updated_at, version, novelty_score, feasibility_score, effectiveness_score, review_decision,
                estimated_benefit_vnd, reviewed_at, duplicate_of, ended_at, imported, imported_by, imported_at)""";

    private static final String INITIATIVE_AND_AUTHORS = """
            with initiative_row as (
                %s
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ), author_rows as (
                insert into initiative_author (initiative_id, position, member_id, display_name, confirmed)
                select ?, a.n - 1, a.member_id, a.display_name, a.confirmed
                from unnest(?::text[], ?::text[], ?::boolean[]) with ordinality as a (member_id, display_name, confirmed, n)
            )""".formatted(INTO_INITIATIVE);
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

    /**
     * Many new initiatives, their authors, attachments, audit entries and events in one statement: an array per
     * column, an element per row. One execution for a whole group instead of one per initiative: the database plans,
     * locks its tables and indexes and answers once per group.
     */
    private static final String INSERT_ALL = """
            with initiative_rows as (
                %s
                select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                    ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::text[],
                    ?::bigint[], ?::timestamptz[], ?::uuid[], ?::timestamptz[], ?::boolean[], ?::text[],
                    ?::timestamptz[])
            ), author_rows as (
                insert into initiative_author (initiative_id, position, member_id, display_name, confirmed)
                select * from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::boolean[])
            ), attachment_rows as (
                insert into initiative_attachment (initiative_id, position, name, size_bytes, media_type, sha256)
                select * from unnest(?::uuid[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[])
            ),
            """.formatted(INTO_INITIATIVE) + ChangeAudit.INSERT_ALL_CTE + "\n" + Outbox.INSERT_ALL;

    /** Most rows in one statement of {@link #INSERT_ALL}: a bulk import's batch goes in several. */
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
                Row row = rows.get(0);
                try (PreparedStatement insert = connection.prepareStatement(
                        row.initiative().attachments.isEmpty() ? INSERT : INSERT_WITH_ATTACHMENTS)) {
                    insert.setQueryTimeout(timeoutSeconds);
                    bind(insert, row);
                    insert.executeUpdate();
                }
            } else {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                    insert.setQueryTimeout(timeoutSeconds);
                    for (int from = 0; from < rows.size(); from += BATCH) {
                        bindAll(insert, rows.subList(from, Math.min(rows.size(), from + BATCH)));
                        insert.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(rows.size() == 1 ? "Initiative " + rows.get(0).initiative().id
                    + " not stored" : rows.size() + " initiatives not stored", e);
        }
        outbox.written();
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

    private static void bindAll(PreparedStatement insert, List<Row> rows) throws SQLException {
        int n = rows.size();
        Object[] columns = {
            new String[n], new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
            new String[n], new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
            new String[n], new String[n], new Long[n], new Integer[n], new Integer[n], new Integer[n], new String[n],
            new Long[n], new String[n], new String[n], new String[n], new Boolean[n], new String[n], new String[n] };
        int authorCount = 0;
        int attachmentCount = 0;
        for (int i = 0; i < n; i++) {
            Initiative initiative = rows.get(i).initiative();
            String id = initiative.id.toString();
            Object[] values = { id, initiative.programmeCode, initiative.title, initiative.problem,
                initiative.solution, initiative.expectedBenefit, initiative.field.name(), text(initiative.unitId),
                text(initiative.provinceId), initiative.visibility.name(), initiative.status.name(),
                initiative.externalRef, initiative.submittedBy, text(initiative.submittedAt),
                text(initiative.createdAt), text(initiative.updatedAt), initiative.version,
                initiative.noveltyScore, initiative.feasibilityScore, initiative.effectivenessScore,
                initiative.reviewDecision == null ? null : initiative.reviewDecision.name(),
                initiative.estimatedBenefitVnd, text(initiative.reviewedAt), text(initiative.duplicateOf),
                text(initiative.endedAt), initiative.imported, initiative.importedBy, text(initiative.importedAt) };
            for (int c = 0; c < columns.length; c++) {
                ((Object[]) columns[c])[i] = values[c];
            }
            authorCount += initiative.authors.size();
            attachmentCount += initiative.attachments.size();
        }
        int p = 1;
        for (Object column : columns) {
            insert.setObject(p++, column);
        }

        String[] authorOf = new String[authorCount];
        int[] authorPosition = new int[authorCount];
        String[] memberIds = new String[authorCount];
        String[] displayNames = new String[authorCount];
        boolean[] confirmed = new boolean[authorCount];
        String[] attachmentOf = new String[attachmentCount];
        int[] attachmentPosition = new int[attachmentCount];
        String[] names = new String[attachmentCount];
        long[] sizes = new long[attachmentCount];
        String[] mediaTypes = new String[attachmentCount];
        String[] digests = new String[attachmentCount];
        int a = 0;
        int f = 0;
        for (Row row : rows) {
            Initiative initiative = row.initiative();
            String id = initiative.id.toString();
            for (int k = 0; k < initiative.authors.size(); k++, a++) {
                authorOf[a] = id;
                authorPosition[a] = k;
                memberIds[a] = initiative.authors.get(k).memberId;
                displayNames[a] = initiative.authors.get(k).displayName;
                confirmed[a] = initiative.authors.get(k).confirmed;
            }
            for (int k = 0; k < initiative.attachments.size(); k++, f++) {
                Initiative.Attachment attachment = initiative.attachments.get(k);
                attachmentOf[f] = id;
                attachmentPosition[f] = k;
                names[f] = attachment.name();
                sizes[f] = attachment.sizeBytes();
                mediaTypes[f] = attachment.mediaType();
                digests[f] = attachment.sha256();
            }
        }
        Object[] children = { authorOf, authorPosition, memberIds, displayNames, confirmed, attachmentOf,
            attachmentPosition, names, sizes, mediaTypes, digests };
        for (Object column : children) {
            insert.setObject(p++, column);
        }

        p = ChangeAudit.Entry.bindAll(insert, p, rows.stream().map(Row::audit).toList());
        Outbox.bindAll(insert, p, rows.stream().map(row -> new Outbox.Record(Topics.INITIATIVE_EVENTS,
                row.initiative().provinceId, row.event(), row.traceParent())).toList());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
