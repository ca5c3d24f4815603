package vn.congdoan.sangkien.ranking.rest;

import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import vn.congdoan.sangkien.kit.rest.HttpDates;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.View;
import vn.congdoan.sangkien.ranking.service.Views;

/**
 * Answers to the reads dashboards poll (the standings, a province's row, the summary, the groupings): a strong ETag,
 * Cache-Control max-age, Last-Modified once it is certain, and 304 without a body when the client's copy is current.
 */
@ApplicationScoped
class ConditionalGet {

    private final Views views;
    private final CacheControl cacheControl;

    ConditionalGet(Views views, RankingConfig config) {
        this.views = views;
        this.cacheControl = new CacheControl();
        cacheControl.setMaxAge((int) config.cacheMaxAge().toSeconds());
    }

    /**
     * If-None-Match, when sent, decides alone (RFC 9110, 13.2.2), with the weak comparison; otherwise
     * If-Modified-Since does, compared with the true change time rather than the whole second Last-Modified shows.
     */
    Response respond(View view, String ifNoneMatch, String ifModifiedSince) {
        return respond(view, MediaType.APPLICATION_JSON_TYPE, ifNoneMatch, ifModifiedSince).build();
    }

    /** As {@link #respond(View, String, String)}, for a body of another type; the caller may add headers. */
    Response.ResponseBuilder respond(View view, MediaType type, String ifNoneMatch, String ifModifiedSince) {
        boolean current;
        if (ifNoneMatch != null) {
            current = EntityTags.noneMatchNames(ifNoneMatch, view.etag());
        } else {
            Instant since = HttpDates.parse(ifModifiedSince);
            current = since != null && views.unchangedSince(view, since);
        }
        Response.ResponseBuilder response = current ? Response.notModified()
                : Response.ok(view.body(), type);
        views.lastModified(view).map(Date::from).ifPresent(response::lastModified);
        return response.tag(new EntityTag(view.etag())).cacheControl(cacheControl);
    }
}
