package vn.congdoan.sangkien.kit.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A body larger than its limit is refused with a problem+json 413: before it is read when its Content-Length says
 * so, and when a body without a length (chunked) grows past the limit while the endpoint reads it
 * ({@link StreamedBodyLimit}). The limit is {@link BodyConfig#maxSize()}, and {@code quarkus.http.limits.max-body-size}
 * for bulk imports: an ordinary request never needs more, and every byte a service accepts is memory a client
 * can hold. Quarkus refuses both too (its handler runs at order -2), but with an empty
 * answer. Small bodies are read ahead (see {@link #READ_AHEAD}); others, chunked ones included, are read as they
 * arrive, by the endpoint, so that a bulk import waiting for its slot holds none of its body in memory.
 */
@ApplicationScoped
public class BodyLimit {

    /**
     * Bodies up to this size (an initiative, a unit, a review) are read on the I/O thread before the request goes to
     * a worker, which then reads them from memory. A blocking endpoint otherwise gets its worker first and parks it
     * twice per request, until the body arrives and until its end is seen: two thread hand-overs a request (see
     * benchmarks/FINDINGS.md, "Measurements behind the code's choices"). Larger bodies (bulk imports) are still read as a stream by
     * the endpoint, after it has taken an import slot. Not over HTTP/2 (clients that upgrade a plain connection, such
     * as the JDK's HttpClient): Quarkus REST pauses every request it takes, which Vert.x refuses for an HTTP/2 request
     * whose body has been read.
     */
    static final long READ_AHEAD = 64 * 1024;

    void install(@Observes Router router, ObjectMapper json, BodyConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max)
            throws JsonProcessingException {
        long importLimit = max.asLongValue();
        long limit = Math.min(config.size().asLongValue(), importLimit);
        Buffer[] problem = problems(json, limit);
        Buffer[] importProblem = problems(json, importLimit);
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(READ_AHEAD);
        router.route().order(-3).handler(rc -> {
            long declared = declared(rc.request().getHeader("Content-Length"));
            boolean isImport = BodyConfig.isImport(rc.request().path());
            if (declared > (isImport ? importLimit : limit)) {
                refuse(rc, (isImport ? importProblem : problem)[vietnamese(rc) ? 1 : 0]);
            } else if (declared > 0 && declared <= READ_AHEAD && rc.request().version() != HttpVersion.HTTP_2) {
                reader.handle(rc);
            } else {
                rc.next();
            }
        });
        // Quarkus marks a body without a length with the limit, for its input stream to refuse it with an empty 413;
        // StreamedBodyLimit refuses it at the same limit with a problem instead.
        router.route().order(-1).handler(rc -> {
            rc.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
            rc.next();
        });
    }

    /** The refusal in English and in Vietnamese, written once. */
    private static Buffer[] problems(ObjectMapper json, long limit) throws JsonProcessingException {
        ProblemException tooLarge = StreamedBodyLimit.tooLarge(limit);
        return new Buffer[] { Buffer.buffer(json.writeValueAsBytes(tooLarge.toProblem(false))),
            Buffer.buffer(json.writeValueAsBytes(tooLarge.toProblem(true))) };
    }

    /** Whether the client reads Vietnamese, for answers given before the request reaches the REST layer. */
    public static boolean vietnamese(RoutingContext rc) {
        return Text.vietnamese(rc.request().getHeader("Accept-Language"));
    }

    private static void refuse(RoutingContext rc, Buffer problem) {
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(problem);
    }

    /** The length a Content-Length header declares; -1 when absent or no number. Runs on every request: no regex. */
    static long declared(String length) {
        if (length == null || length.isEmpty() || length.length() > 18) {
            return -1;
        }
        for (int i = 0; i < length.length(); i++) {
            if (length.charAt(i) < '0' || length.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(length);
    }
}
