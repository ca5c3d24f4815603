package vn.congdoan.sangkien.kit.problem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a body that declared no length (chunked) with a problem+json 413 once the endpoint has read more than
 * {@code quarkus.http.limits.max-body-size} of it. Bodies that declare their length are refused before they are read
 * ({@link BodyLimit}).
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final long limit;

    public StreamedBodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.limit = max.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst("Content-Length") == null) {
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "Content too large",
                "The request body is larger than the " + limit + " bytes this service accepts", "body");
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
