package vn.congdoan.sangkien.submission.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * Makes a POST safe to retry: the first request with a key claims it and stores its answer in the same transaction
 * as the change itself; a retry with the same key and body gets that answer again, with a different body a 422.
 * A concurrent retry waits on the claim until the first commits. A key lives {@code sangkien.idempotency.retention}
 * (48 hours unless configured; never less than 24): after that the same key is a new request, and an hourly job
 * deletes what has expired.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The shortest retention allowed: a mobile client may retry a day later. */
    public static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);

    /** An answer to replay. */
    public record Answer(int status, String location, String body) {
    }

    private final EntityManager em;
    private final long retentionSeconds;
    private ScheduledExecutorService cleaner;

    public IdempotentRequests(EntityManager em,
            @ConfigProperty(name = "sangkien.idempotency.retention", defaultValue = "48H") Duration retention) {
        this.em = em;
        this.retentionSeconds = retention.toSeconds();
    }

    void start(@Observes StartupEvent event) {
        if (retentionSeconds < MINIMUM_RETENTION.toSeconds()) {
            throw new IllegalStateException("sangkien.idempotency.retention must be at least 24 hours, is "
                    + Duration.ofSeconds(retentionSeconds));
        }
        cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idempotency-cleanup");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleWithFixedDelay(this::deleteExpired, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
    }

    void deleteExpired() {
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "delete from idempotency_record where created_at < now() - ?1 * interval '1 second'")
                    .setParameter(1, retentionSeconds).executeUpdate());
            LOG.debugf("Deleted %d expired idempotency keys", deleted);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete expired idempotency keys, trying again in an hour: %s", e.getMessage());
        }
    }

    @Transactional
    public Answer once(String caller, String key, String requestHash, Supplier<Answer> action) {
        // Claims the key: a new one, or one whose first use has expired (it is then a new request).
        @SuppressWarnings("unchecked")
        List<Object> claimed = em.createNativeQuery("""
                insert into idempotency_record (caller, key, request_hash) values (?1, ?2, ?3)
                on conflict (caller, key) do update set request_hash = excluded.request_hash, status = null,
                    location = null, body = null, created_at = now()
                where idempotency_record.created_at < now() - ?4 * interval '1 second'
                returning key""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, retentionSeconds).getResultList();
        if (claimed.isEmpty()) {
            Object[] first = (Object[]) em.createNativeQuery(
                    "select request_hash, status, location, body from idempotency_record where caller = ?1 and key = ?2")
                    .setParameter(1, caller).setParameter(2, key).getSingleResult();
            if (!requestHash.equals(first[0])) {
                throw ProblemException.unprocessable("Idempotency-Key",
                        "This key was used for a different request; use a new key for a new request");
            }
            return new Answer(((Number) first[1]).intValue(), (String) first[2], (String) first[3]);
        }
        Answer answer = action.get();
        em.createNativeQuery("update idempotency_record set status = ?3, location = ?4, body = ?5 "
                + "where caller = ?1 and key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, answer.status())
                .setParameter(4, answer.location()).setParameter(5, answer.body()).executeUpdate();
        return answer;
    }
}
