package vn.congdoan.sangkien.ranking.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.congdoan.sangkien.kit.rest.HttpDates;
import vn.congdoan.sangkien.ranking.service.View;

/**
 * The leaderboard page's HTML, served from memory on the I/O thread and compressed once, at start: every dashboard
 * and visitor asks for it first. Vert.x's handler of static files compressed it again on each request and served a
 * sixth of a hello-world's requests per second. Its scripts and styles, cached by browsers, stay with that handler.
 */
@ApplicationScoped
class PageRoute {

    private static final String PAGE = "META-INF/resources/index.html";
    /** Five minutes, then revalidated by ETag: a new version reaches the screens left open on the page that soon. */
    private static final String CACHE_CONTROL = "public, max-age=300";

    private final Buffer plain;
    private final Buffer gzipped;
    private final String etag;
    private final String opaque;
    private final String lastModified = HttpDates.format(Instant.now());

    PageRoute() {
        byte[] html = read();
        this.plain = Buffer.buffer(html);
        this.gzipped = Buffer.buffer(gzip(html));
        this.opaque = View.etagOf(html);
        this.etag = '"' + opaque + '"';
    }

    void install(@Observes Router router) {
        router.get("/").handler(this::serve);
        router.get("/index.html").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        headers.set("Content-Type", "text/html;charset=UTF-8").set("Cache-Control", CACHE_CONTROL).set("ETag", etag)
                .set("Last-Modified", lastModified).set("Vary", "Accept-Encoding");
        String ifNoneMatch = rc.request().getHeader("If-None-Match");
        if (ifNoneMatch != null && EntityTags.noneMatchNames(ifNoneMatch, opaque)) {
            rc.response().setStatusCode(304).end();
            return;
        }
        String accepted = rc.request().getHeader("Accept-Encoding");
        if (accepted != null && accepted.contains("gzip")) {
            headers.set("Content-Encoding", "gzip");
            rc.response().end(gzipped);
        } else {
            rc.response().end(plain);
        }
    }

    private static byte[] read() {
        try (InputStream in = PageRoute.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
