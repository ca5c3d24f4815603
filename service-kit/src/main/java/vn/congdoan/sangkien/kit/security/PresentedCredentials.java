package vn.congdoan.sangkien.kit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * A request that presents credentials which do not verify — a malformed, expired or wrongly signed token, an unknown
 * or revoked API key, a scheme the services do not accept — is answered 401, also where anonymous callers are served
 * (standings, public initiatives): a client whose token has expired learns it, instead of quietly getting what
 * anybody may see. Authentication stays lazy otherwise: requests without credentials never wait for it.
 */
@ApplicationScoped
public class PresentedCredentials {

    private final CurrentIdentityAssociation identities;

    public PresentedCredentials(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> refuseUnverified(ContainerRequestContext request) {
        if (of(request) == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                throw new AuthenticationFailedException("The request's credentials did not verify");
            }
            return null;
        });
    }

    /** The credentials the request presents, verified or not: its Authorization or X-API-Key header; else null. */
    static String of(ContainerRequestContext request) {
        return of(request.getHeaderString("Authorization"),
                request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER));
    }

    static String of(String authorization, String apiKey) {
        if (authorization != null && !authorization.isBlank()) {
            return authorization;
        }
        return apiKey != null && !apiKey.isBlank() ? apiKey : null;
    }
}
