package vn.congdoan.sangkien.kit.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import vn.congdoan.sangkien.kit.problem.ProblemException;

/** Who is calling: a member or officer with a token, a provincial system with an API key, or nobody. */
@RequestScoped
public class Caller {

    /** Claim of the token naming the unit whose subtree the caller's roles apply to. */
    public static final String UNIT_CLAIM = "unit";

    private final SecurityIdentity identity;
    private final TokenUnits tokenUnits;
    private Optional<UUID> unit;

    public Caller(SecurityIdentity identity, TokenUnits tokenUnits) {
        this.identity = identity;
        this.tokenUnits = tokenUnits;
    }

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    /** The member id of a token (its {@code sub}), or {@code apikey:<id>} for an API key; see {@link Principals}. */
    public String subject() {
        return Principals.subject(identity);
    }

    /** Whether the caller presented an API key (a provincial system) rather than a token. */
    public boolean byApiKey() {
        return !anonymous() && !(identity.getPrincipal() instanceof JsonWebToken)
                && subject().startsWith(ApiKeyIdentityProvider.PRINCIPAL_PREFIX);
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /**
     * The unit the caller's roles apply to: an API key's attribute, or a token's claim (read once per token, see
     * {@link TokenUnits}). Access checks ask for it several times a request (twice for a submission, up to twice per
     * INTERNAL initiative of a page).
     */
    public Optional<UUID> unit() {
        if (unit == null) {
            Object attribute = identity.getAttribute(UNIT_CLAIM);
            unit = attribute == null && identity.getPrincipal() instanceof JsonWebToken jwt ? tokenUnits.of(jwt)
                    : TokenUnits.parse(attribute);
        }
        return unit;
    }

    /** What rate limits and the audit log know the caller by. */
    public String key() {
        return anonymous() ? "anonymous" : subject();
    }

    /** @throws ProblemException 401 when nobody is signed in */
    public void requireSignedIn() {
        if (anonymous()) {
            throw ProblemException.unauthorized();
        }
    }
}
