package vn.congdoan.sangkien.submission.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Makes a POST safe to retry: the first request with an {@code Idempotency-Key} claims it and stores its answer in
 * the same transaction as the change itself; a retry with the same key and request gets that answer again, with
 * another request a 422. A concurrent retry waits on the claim until the first commits. A key lives
 * {@code idempotency.retention} (48 hours unless configured; never less than 24): after that the same key is
 * a new request, and an hourly job deletes what has expired.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The header clients send their key in. */
    public static final String HEADER = "Idempotency-Key";
    /** The shortest retention allowed: a mobile client may retry a day later. */
    public static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);

    /** An answer to replay: its status, its Location (or null) and its JSON body. */
    public record Answer(int status, String location, String body) {
    }

    /** The answer to give, and whether this request made the change (false: it replays the first one's). */
    public record Outcome(Answer answer, boolean made) {
    }

    /** How long a key replays its first answer. */
    @ConfigMapping(prefix = "idempotency")
    public interface Config {

        /** How long the first answer to a key is replayed (at least 24 hours). */
        @WithDefault("48H")
        Duration retention();
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final long retentionSeconds;

    public IdempotentRequests(EntityManager em, ObjectMapper json, Config config) {
        this.em = em;
        this.json = json;
        this.retentionSeconds = config.retention().toSeconds();
    }

    void checkRetention(@Observes StartupEvent event) {
        if (retentionSeconds < MINIMUM_RETENTION.toSeconds()) {
            throw new IllegalStateException("idempotency.retention must be at least 24 hours, is "
                    + Duration.ofSeconds(retentionSeconds));
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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

    /** A creation made once per key: the request itself tells one creation from another. */
    @Transactional
    public Outcome once(String caller, String key, Object request, Supplier<Answer> change) {
        return claim(caller, checked(key), hash(write(request)), change);
    }

    /**
     * A change made once per key: a retry gets the first answer, even where the change itself (a withdrawal, say)
     * could not be made twice.
     *
     * @param action what the request does to which initiative, so that a key reused for another action is a 422
     */
    @Transactional
    public Outcome once(String caller, String key, String action, Object request, Supplier<Answer> change) {
        return claim(caller, checked(key), hash(action + "\n" + (request == null ? "" : write(request))), change);
    }

    /** An answer's body as stored and replayed. */
    public String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer", e);
        }
    }

    /** A stored answer's body read back. */
    public <T> T read(Answer answer, Class<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored answer", e);
        }
    }

    private static String checked(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest(HEADER, Text.of("must be 1 to 200 characters",
                    "phải dài từ 1 đến 200 ký tự")).limit("min", 1).limit("max", 200);
        }
        return key;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

    private Outcome claim(String caller, String key, String requestHash, Supplier<Answer> action) {
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
                throw ProblemException.unprocessable(HEADER, Text.of("This key was used for a different request; use "
                        + "a new key for a new request", "Khóa này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới "
                        + "cho yêu cầu mới"));
            }
            return new Outcome(new Answer(((Number) first[1]).intValue(), (String) first[2], (String) first[3]),
                    false);
        }
        Answer answer = action.get();
        em.createNativeQuery("update idempotency_record set status = ?3, location = ?4, body = ?5 "
                + "where caller = ?1 and key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, answer.status())
                .setParameter(4, answer.location()).setParameter(5, answer.body()).executeUpdate();
        return new Outcome(answer, true);
    }
}
