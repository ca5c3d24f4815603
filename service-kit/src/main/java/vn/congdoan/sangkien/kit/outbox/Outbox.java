package vn.congdoan.sangkien.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.CloudEvent;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.kit.tracing.TraceContext;

/**
 * Appends an event to the outbox inside the caller's transaction, so that the change and its event commit or roll
 * back together. After a commit the relay is woken at once, which keeps the delay to the broker short.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The insert of one event into the outbox, for a writer that puts its change and the event into one statement
     * (a data-modifying {@code WITH}), one round trip instead of two. Its seven parameters are bound by {@link #bind};
     * after the statement, call {@link #written()}.
     */
    public static final String INSERT = "insert into outbox_event "
            + "(topic, record_key, payload, event_id, event_type, occurred_at, trace_parent) values (?, ?, ?, ?, ?, ?, ?)";

    /**
     * The insert of many events into the outbox in one statement, in the order given, for a writer that puts many
     * changes and their events into one statement (a group of new initiatives): one execution for all, instead of
     * one per event. Its seven array parameters are bound by {@link #bindAll}; after the statement, call
     * {@link #written()}.
     */
    public static final String INSERT_ALL = "insert into outbox_event "
            + "(topic, record_key, payload, event_id, event_type, occurred_at, trace_parent) select * from unnest("
            + "?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[])";

    /** An event for {@link #INSERT_ALL}, with the trace context of the request that wrote it. */
    public record Record(String topic, Object key, Object event, String traceParent) {
    }

    /** The entity manager of a service that maps entities, whose pending changes go first; null in one without. */
    private final EntityManager em;
    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(Instance<EntityManager> em, DataSource dataSource, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.em = em.isResolvable() ? em.get() : null;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, Object key, Object event) {
        appendAll(topic, List.of(new Message(key, event)));
    }

    /** A record to publish: its key and its value. */
    public record Message(Object key, Object event) {
    }

    /** Appends one event per key with one JDBC batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, Map<?, ?> eventsByKey) {
        appendAll(topic, eventsByKey.entrySet().stream().map(e -> new Message(e.getKey(), e.getValue())).toList());
    }

    /** Appends events with one JDBC batch, in the order given, after the session's pending changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (em != null) {
            em.flush();
        }
        // the transaction's connection: the pool hands the one enlisted in it, which the entity manager writes with
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Message message : messages) {
                bind(insert, 1, topic, message.key(), message.event());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append " + messages.size() + " events to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    /**
     * Binds the parameters of {@link #INSERT}, the first at {@code first}, with the trace context of the span current
     * on this thread.
     *
     * @return the index of the next parameter
     */
    public static int bind(PreparedStatement insert, int first, String topic, Object key, Object event)
            throws SQLException {
        return bind(insert, first, topic, key, event, TraceContext.current());
    }

    /**
     * Binds the parameters of {@link #INSERT} for an event written on another thread than the request's: with the
     * request's trace context, taken on its thread with {@link TraceContext#current()}.
     *
     * @return the index of the next parameter
     */
    public static int bind(PreparedStatement insert, int first, String topic, Object key, Object event,
            String traceParent) throws SQLException {
        insert.setString(first, topic);
        insert.setString(first + 1, key.toString());
        insert.setString(first + 2, EventJson.write(event));
        if (event instanceof CloudEvent cloudEvent) {
            insert.setObject(first + 3, cloudEvent.eventId());
            insert.setString(first + 4, cloudEvent.cloudEventType());
            insert.setTimestamp(first + 5, Timestamp.from(cloudEvent.occurredAt()));
        } else {
            insert.setNull(first + 3, Types.OTHER);
            insert.setNull(first + 4, Types.VARCHAR);
            insert.setNull(first + 5, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        insert.setString(first + 6, traceParent);
        return first + 7;
    }

    /**
     * Binds the parameters of {@link #INSERT_ALL}, the first at {@code first}: one array per column, an element per
     * record.
     *
     * @return the index of the next parameter
     */
    public static int bindAll(PreparedStatement insert, int first, List<Record> records) throws SQLException {
        int n = records.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] traces = new String[n];
        for (int i = 0; i < n; i++) {
            Record record = records.get(i);
            topics[i] = record.topic();
            keys[i] = record.key().toString();
            payloads[i] = EventJson.write(record.event());
            if (record.event() instanceof CloudEvent cloudEvent) {
                ids[i] = cloudEvent.eventId().toString();
                types[i] = cloudEvent.cloudEventType();
                times[i] = cloudEvent.occurredAt().toString();
            }
            traces[i] = record.traceParent();
        }
        Object[] columns = { topics, keys, payloads, ids, types, times, traces };
        for (Object column : columns) {
            insert.setObject(first++, column);
        }
        return first;
    }

    /**
     * A writer's own statement put events into the outbox: the relay is woken after the commit, or at once when the
     * statement ran without a transaction (and so is committed already).
     */
    public void written() {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            relay.wakeUp();
        } else {
            wakeRelayAfterCommit();
        }
    }

    /** Once per transaction, however many events it appends. */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) != null) {
            return;
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
