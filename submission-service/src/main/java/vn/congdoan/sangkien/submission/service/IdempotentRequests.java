package vn.congdoan.sangkien.submission.service;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * Makes a POST safe to retry: the first request with a key claims it and stores its answer in the same transaction
 * as the change itself; a retry with the same key and body gets that answer again, with a different body a 422.
 * A concurrent retry waits on the claim until the first commits. Keys are kept for 48 hours.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** An answer to replay. */
    public record Answer(int status, String location, String body) {
    }

    private final EntityManager em;

    public IdempotentRequests(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Answer once(String caller, String key, String requestHash, Supplier<Answer> action) {
        em.createNativeQuery("delete from idempotency_record where created_at < now() - interval '48 hours'")
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object> claimed = em.createNativeQuery("""
                insert into idempotency_record (caller, key, request_hash) values (?1, ?2, ?3)
                on conflict do nothing returning key""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash).getResultList();
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
