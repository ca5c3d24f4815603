package vn.congdoan.sangkien.kit.security;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.kit.cache.Caches;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Limits write requests per caller with a token bucket (Bucket4j): a burst of {@code burst} writes, refilled at
 * {@code writes-per-second}; over the limit, 429 with Retry-After. The caller is who the credentials prove
 * ({@link Principals#subject}: a member, or an API key's id), never the text of a header, which a client can vary
 * ({@code bearer …}, two spaces) to start afresh; anonymous callers, whose writes are refused anyway, by address.
 * Runs after authentication. Buckets of callers idle long enough to be full again, and at least a minute, are
 * forgotten (Caffeine), so the memory stays bounded without scanning.
 */
@ApplicationScoped
public class WriteRateLimiter {

    static final Duration KEPT_AT_LEAST = Duration.ofMinutes(1);

    private final RateLimitConfig config;
    private final CurrentIdentityAssociation identities;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;
    /** Writes refused, for operators to tell a flood from a client that retries too eagerly; null in plain tests. */
    private final Counter refusals;

    @Inject
    public WriteRateLimiter(RateLimitConfig config, CurrentIdentityAssociation identities, MeterRegistry registry) {
        this(config, identities, TimeMeter.SYSTEM_NANOTIME, Counter.builder("sangkien.rate.limit.refusals")
                .description("Write requests refused with 429 by the per-caller limit").tag("kind", "writes")
                .register(registry));
    }

    WriteRateLimiter(RateLimitConfig config, CurrentIdentityAssociation identities, TimeMeter clock) {
        this(config, identities, clock, null);
    }

    private WriteRateLimiter(RateLimitConfig config, CurrentIdentityAssociation identities, TimeMeter clock,
            Counter refusals) {
        this.config = config;
        this.identities = identities;
        this.clock = clock;
        this.refusals = refusals;
        this.buckets = Caches.builder().maximumSize(config.maxCallers())
                .expireAfterAccess(forgetAfter(config)).build();
    }

    /**
     * How long an idle caller's bucket is kept: until it is full again (a forgotten caller would start with a full
     * one anyway), and at least {@link #KEPT_AT_LEAST}, so that a caller writing steadily below a high limit, whose
     * bucket fills within a second or two, keeps its one bucket instead of getting a new one at nearly every write.
     */
    static Duration forgetAfter(RateLimitConfig config) {
        Duration refill = refillTime(config);
        return refill.compareTo(KEPT_AT_LEAST) > 0 ? refill : KEPT_AT_LEAST;
    }

    /** How long an empty bucket takes to fill: after that, a forgotten caller would start with a full one anyway. */
    static Duration refillTime(RateLimitConfig config) {
        return Duration.ofNanos((long) Math.ceil(1e9 * config.burst() / config.writesPerSecond()));
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().map(identity -> {
            String subject = Principals.subject(identity);
            String key = subject != null ? "caller:" + subject
                    : "address:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
            boolean vietnamese = Text.vietnamese(http.getHeader("Accept-Language"));
            return take(key).map(wait -> tooMany(wait, vietnamese)).orElse(null);
        });
    }

    /** @return empty when a write was granted, else how long until the next one is */
    Optional<Duration> take(String caller) {
        ConsumptionProbe probe = buckets.get(caller, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder().withCustomTimePrecision(clock).addLimit(Bandwidth.builder().capacity(config.burst())
                .refillGreedy(config.writesPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private Response tooMany(Duration wait, boolean vietnamese) {
        if (refusals != null) {
            refusals.increment();
        }
        int seconds = (int) Math.max(1, (wait.toMillis() + 999) / 1000);
        return ProblemMappers.problem(ProblemException.tooManyRequests(Text.of("Too many writes from this caller; "
                + "retry in " + seconds + " s", "Bạn đã gửi quá nhiều yêu cầu ghi; hãy thử lại sau " + seconds
                + " giây"), seconds).limit("writesPerSecond", config.writesPerSecond()), vietnamese);
    }
}
