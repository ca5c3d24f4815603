package vn.congdoan.sangkien.kit.rest;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import vn.congdoan.sangkien.kit.problem.BodyLimit;
import vn.congdoan.sangkien.kit.problem.Problem;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * How a service leaves on SIGTERM without cutting off a request. A server that closes a kept-alive connection races
 * with a client sending on it: the client's request is lost without an answer, and the client cannot tell whether it
 * was taken. So a stopping service first empties its connections, for {@code quarkus.shutdown.delay}, while its
 * readiness is already DOWN (a load balancer stops sending it new clients):
 * <ol>
 * <li>at first every request is served as usual, its answer closing its connection; a client's next request opens
 * a new one, so that no connection stays idle in a client's pool;</li>
 * <li>for the last {@link #refusal} of the delay a new request is answered at once with a {@code 503} whose
 * {@code Retry-After} outlasts what is left of the delay, its connection closed too: every client is then waiting,
 * not sending, when the server closes.</li>
 * </ol>
 * Then Quarkus waits up to {@code quarkus.shutdown.timeout} for the requests still in flight, and stops.
 */
@ApplicationScoped
public class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class);
    /** The longest the refusing phase lasts; it ends well before a client told to retry after it comes back. */
    private static final Duration LONGEST_REFUSAL = Duration.ofMillis(500);
    static final int RETRY_AFTER_SECONDS = 1;

    private final Duration delay;
    private final Duration refusal;
    private volatile boolean draining;
    /** {@link System#nanoTime()} from which new requests are refused. */
    private volatile long refuseFrom;

    public Draining(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
        this.refusal = refusal(this.delay);
    }

    /** The refusing phase of a delay: the last half of it, at most {@link #LONGEST_REFUSAL}. */
    static Duration refusal(Duration delay) {
        Duration half = delay.dividedBy(2);
        return half.compareTo(LONGEST_REFUSAL) < 0 ? half : LONGEST_REFUSAL;
    }

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        ProblemException stopping = ProblemException.unavailable(Text.of(
                "The service is stopping; retry, another instance will answer",
                "Dịch vụ đang dừng; hãy thử lại, một phiên bản khác sẽ trả lời"), RETRY_AFTER_SECONDS);
        Buffer[] refusals = { Buffer.buffer(json.writeValueAsBytes(stopping.toProblem(false))),
            Buffer.buffer(json.writeValueAsBytes(stopping.toProblem(true))) };
        // before every other handler, the body limit included: a refused request's body is not read
        router.route().order(-20).handler(rc -> {
            if (draining) {
                if (rc.request().version() != HttpVersion.HTTP_2) {
                    // the client reads it and opens a new connection for its next request; the server closes this
                    // one once the answer is written, whatever the client does
                    rc.response().putHeader("Connection", "close");
                    rc.addEndHandler(done -> rc.request().connection().close());
                }
                if (System.nanoTime() - refuseFrom >= 0) {
                    refuse(rc, refusals[BodyLimit.vietnamese(rc) ? 1 : 0]);
                    return;
                }
            }
            rc.next();
        });
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = System.nanoTime() + delay.minus(refusal).toNanos();
        draining = true;
        LOG.infof("Stopping: closing every connection after its answer for %d ms, then refusing new requests for %d ms",
                delay.minus(refusal).toMillis(), refusal.toMillis());
    }

    private static void refuse(RoutingContext rc, Buffer refusal) {
        rc.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).end(refusal);
    }
}
