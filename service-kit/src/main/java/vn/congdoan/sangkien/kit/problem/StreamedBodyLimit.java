package vn.congdoan.sangkien.kit.problem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a body that declared no length (chunked) with a problem+json 413 once the endpoint has read more than
 * its limit ({@link BodyConfig}) of it. Bodies that declare their length are refused before they are read
 * ({@link BodyLimit}). A request filter rather than a reader interceptor: while any reader interceptor exists, Quarkus
 * REST reads every body through its general path, which parses the endpoint's parameter annotations by reflection on
 * each request (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
 */
@ApplicationScoped
public class StreamedBodyLimit {

    private final long limit;
    private final long importLimit;

    public StreamedBodyLimit(BodyConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.importLimit = max.asLongValue();
        this.limit = Math.min(config.size().asLongValue(), importLimit);
    }

    @ServerRequestFilter
    public void limitUndeclaredLength(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                && request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null) {
            boolean isImport = BodyConfig.isImport(request.getUriInfo().getPath());
            request.setEntityStream(new Limited(request.getEntityStream(), isImport ? importLimit : limit));
        }
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.CONTENT_TOO_LARGE, Text.of(
                "The request body is larger than the " + limit + " bytes this service accepts",
                "Nội dung yêu cầu lớn hơn " + limit + " byte mà dịch vụ này nhận"), "body").limit("maxBytes", limit);
    }

    /** Counts what is read and fails the read that passes the limit. */
    static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
