package vn.congdoan.sangkien.kit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a valid, unrevoked API key into a PROVINCE_INTEGRATION identity for the key's province. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** How an API key's principal is named: {@code apikey:<id>}. */
    public static final String PRINCIPAL_PREFIX = "apikey:";

    private final EntityManager em;

    public ApiKeyIdentityProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKey.Presented presented = ApiKey.parse(request.key())
                    .orElseThrow(() -> new AuthenticationFailedException("Malformed API key"));
            ApiKey key = QuarkusTransaction.requiringNew().call(() -> em.find(ApiKey.class, presented.id()));
            if (key == null || !key.accepts(presented.secret())) {
                throw new AuthenticationFailedException("Unknown or revoked API key");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(PRINCIPAL_PREFIX + key.id))
                    .addRole(Roles.PROVINCE_INTEGRATION)
                    .addAttribute(Caller.UNIT_CLAIM, key.provinceId.toString())
                    .build();
        });
    }
}
