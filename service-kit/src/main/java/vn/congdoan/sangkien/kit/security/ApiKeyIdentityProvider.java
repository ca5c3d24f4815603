package vn.congdoan.sangkien.kit.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;

/** Turns a valid, unrevoked API key into a PROVINCE_INTEGRATION identity for the key's province. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** How an API key's principal is named: {@code apikey:<id>}. */
    public static final String PRINCIPAL_PREFIX = "apikey:";

    private final DataSource dataSource;

    public ApiKeyIdentityProvider(DataSource dataSource) {
        this.dataSource = dataSource;
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
            ApiKey key = find(presented.id());
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

    /** The key's province, secret hash and revocation; null when unknown. An outage's error keeps its cause. */
    private ApiKey find(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.first(c, "select province_id, secret_hash, revoked_at from api_key where id = ?", rs -> {
                ApiKey key = new ApiKey();
                key.id = id;
                key.provinceId = rs.getObject(1, UUID.class);
                key.secretHash = rs.getString(2);
                Timestamp revoked = rs.getTimestamp(3);
                key.revokedAt = revoked == null ? null : revoked.toInstant();
                return key;
            }, id).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read API key " + id, e);
        }
    }
}
