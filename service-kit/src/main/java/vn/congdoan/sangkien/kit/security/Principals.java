package vn.congdoan.sangkien.kit.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who a verified identity is, in the words the services use for members and provincial systems. */
public final class Principals {

    private Principals() {
    }

    /**
     * The member id of a token is its {@code sub} claim, never {@code upn} or {@code preferred_username} (which
     * smallrye-jwt would name the principal by, and which an identity provider may let users choose); an API key is
     * {@code apikey:<id>}. Null for anonymous callers.
     */
    public static String subject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
