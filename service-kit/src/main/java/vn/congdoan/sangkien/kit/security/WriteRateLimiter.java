package vn.congdoan.sangkien.kit.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.kit.problem.Problem;

/**
 * Limits write requests per client (its credentials, or its address when anonymous) with a token bucket: a burst
 * of {@code burst} writes, refilled at {@code writesPerSecond}. Over the limit: 429 with Retry-After.
 */
@ApplicationScoped
public class WriteRateLimiter {

    /** Beyond this many remembered clients, idle ones are forgotten, so the map cannot grow without bound. */
    private static final int MAX_CLIENTS = 10_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public WriteRateLimiter(@ConfigProperty(name = "sangkien.rate-limit.writes-per-second", defaultValue = "50") double perSecond,
            @ConfigProperty(name = "sangkien.rate-limit.burst", defaultValue = "200") double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Optional.empty();
        }
        long waitMillis = take(clientKey(request, http), System.nanoTime());
        if (waitMillis <= 0) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(seconds))
                .entity(Problem.of(429, "Too many requests", "Too many writes from this client; retry in "
                        + seconds + " s", null))
                .build());
    }

    /** @return 0 when a token was taken, else the milliseconds until one is available */
    long take(String client, long nanos) {
        if (buckets.size() > MAX_CLIENTS) {
            forgetIdle(nanos);
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(burst, nanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nanos - bucket.last) / 1e9 * perSecond);
            bucket.last = nanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perSecond * 1000);
        }
    }

    /** A client whose bucket would be full again is indistinguishable from a new one: drop it. */
    private void forgetIdle(long nanos) {
        double refill = burst / perSecond * 1e9;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return nanos - e.getValue().last >= refill;
            }
        });
    }

    private static String clientKey(ContainerRequestContext request, HttpServerRequest http) {
        String credentials = PresentedCredentials.of(request);
        if (credentials != null) {
            return credentialKey(credentials);
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /**
     * Credentials are known by a 64-bit FNV-1a hash, not kept (a token is about a kilobyte) and not digested on every
     * write (an MD5 per request was 1.1 % of submission-service's CPU at 500 POSTs/s). Two clients sharing a bucket by
     * chance would only share their limit; choosing a token that collides with another's needs that token's hash,
     * hence the token.
     */
    static String credentialKey(String credentials) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < credentials.length(); i++) {
            hash ^= credentials.charAt(i);
            hash *= 0x100000001b3L;
        }
        return "c:" + Long.toHexString(hash);
    }
}
