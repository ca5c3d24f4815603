package vn.congdoan.sangkien.kit.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused with a problem+json 413 before
 * it is read. Quarkus would refuse it too (its handler runs at order -2), but with an empty answer.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max)
            throws JsonProcessingException {
        long limit = max.asLongValue();
        Buffer problem = Buffer.buffer(json.writeValueAsBytes(Problem.of(413, "Content too large",
                "The request body is larger than the " + limit + " bytes this service accepts", "body")));
        router.route().order(-3).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
                rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(problem);
                return;
            }
            rc.next();
        });
    }
}
