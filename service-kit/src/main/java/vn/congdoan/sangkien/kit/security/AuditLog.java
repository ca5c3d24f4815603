package vn.congdoan.sangkien.kit.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/** Records every successful write request in {@code audit_entry}. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final EntityManager em;
    private final SecurityIdentity identity;

    public AuditLog(EntityManager em, SecurityIdentity identity) {
        this.em = em;
        this.identity = identity;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || response.getStatus() >= 400) {
            return;
        }
        AuditEntry entry = new AuditEntry();
        entry.actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        entry.method = method;
        entry.path = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        entry.status = response.getStatus();
        try {
            QuarkusTransaction.requiringNew().run(() -> em.persist(entry));
        } catch (RuntimeException e) {
            LOG.errorf("Could not record audit entry %s %s by %s: %s", method, entry.path, entry.actor, e.getMessage());
        }
    }

    public List<AuditEntry> latest(Long beforeId, int limit) {
        return em.createQuery("from AuditEntry where (?1 is null or id < ?1) order by id desc", AuditEntry.class)
                .setParameter(1, beforeId).setMaxResults(limit).getResultList();
    }
}
