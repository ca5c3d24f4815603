package vn.congdoan.sangkien.kit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.congdoan.sangkien.kit.problem.BodyLimit;
import vn.congdoan.sangkien.kit.problem.Problem;
import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * Every write of the API needs a signed-in caller, so a write is authenticated before a byte of its body is read:
 * one without credentials, or with credentials that do not verify, is answered 401 at once and its connection closed,
 * whatever size it declares. Reading first let anonymous clients hold the service's memory with bodies they never
 * finished. Runs after Quarkus has attached the (lazy) identity to the request and before any body is read
 * ({@link vn.congdoan.sangkien.kit.problem.BodyLimit}); Quarkus keeps the request paused meanwhile.
 */
@ApplicationScoped
public class WritesAuthenticateFirst {

    /** After Quarkus's authentication handler (order -200), before the body limit and read-ahead (order -3). */
    static final int ORDER = -4;

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        Buffer[] refusals = { Buffer.buffer(json.writeValueAsBytes(ProblemException.unauthorized().toProblem(false))),
            Buffer.buffer(json.writeValueAsBytes(ProblemException.unauthorized().toProblem(true))) };
        router.route().order(ORDER).handler(rc -> {
            Buffer refusal = refusals[BodyLimit.vietnamese(rc) ? 1 : 0];
            if (safe(rc.request().method())) {
                rc.next();
            } else if (PresentedCredentials.of(rc.request().getHeader("Authorization"),
                    rc.request().getHeader(ApiKeyAuthenticationMechanism.HEADER)) == null) {
                refuse(rc, refusal);
            } else {
                // API keys are checked on a worker thread: the request goes on on its own event loop
                Context context = Vertx.currentContext();
                QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                        identity -> context.runOnContext(v -> proceed(rc, identity, refusal)),
                        failure -> context.runOnContext(v -> refuse(rc, refusal)));
            }
        });
    }

    private static void proceed(RoutingContext rc, SecurityIdentity identity, Buffer refusal) {
        if (identity == null || identity.isAnonymous()) {
            refuse(rc, refusal);
        } else {
            rc.next();
        }
    }

    static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static void refuse(RoutingContext rc, Buffer refusal) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer, ApiKey")
                // the body, if any, is still on its way: the connection cannot carry another request
                .putHeader("Connection", "close").end(refusal);
    }
}
