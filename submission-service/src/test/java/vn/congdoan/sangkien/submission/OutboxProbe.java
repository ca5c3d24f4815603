package vn.congdoan.sangkien.submission;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** How far the outbox has gone, read in a transaction of its own. */
final class OutboxProbe {

    private OutboxProbe() {
    }

    /** The id of the last event appended to the outbox (0 before the first): unchanged while nothing is published. */
    static long lastId(EntityManager em) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(pg_sequence_last_value(pg_get_serial_sequence('outbox_event', 'id')), 0)")
                .getSingleResult()).longValue());
    }
}
