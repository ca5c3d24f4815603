package vn.congdoan.sangkien.kit.outbox;

import java.sql.PreparedStatement;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import vn.congdoan.sangkien.events.EventJson;

/**
 * Appends an event to the outbox inside the caller's transaction, so that the change and its event commit or roll
 * back together. After a commit the relay is woken at once, which keeps the delay to the broker short.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(EntityManager em, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.em = em;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, Object key, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.key = key.toString();
        row.payload = EventJson.write(event);
        em.persist(row);
        wakeRelayAfterCommit();
    }

    /** Appends many events with one JDBC batch: for bulk operations, where one insert per event would dominate. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, Map<?, ?> eventsByKey) {
        if (eventsByKey.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox_event (topic, record_key, payload) values (?, ?, ?)")) {
                for (Map.Entry<?, ?> entry : eventsByKey.entrySet()) {
                    insert.setString(1, topic);
                    insert.setString(2, entry.getKey().toString());
                    insert.setString(3, EventJson.write(entry.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
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
