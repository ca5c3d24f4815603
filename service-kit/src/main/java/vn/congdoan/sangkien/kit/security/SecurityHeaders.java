package vn.congdoan.sangkien.kit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Headers every answer carries, also those the services give before an endpoint is reached (a refused write, a body
 * too large): {@code X-Content-Type-Options: nosniff}, so that a browser never runs a JSON or CSV answer as something
 * else, and {@code Cache-Control: no-store} unless the endpoint chose its own caching, so that an answer meant for
 * one caller (their confidential initiatives, an export) is kept by no cache on the way or on the device.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(WritesAuthenticateFirst.ORDER - 1).handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                MultiMap headers = rc.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                if (!headers.contains("Cache-Control")) {
                    headers.set("Cache-Control", "no-store");
                }
            });
            rc.next();
        });
    }
}
