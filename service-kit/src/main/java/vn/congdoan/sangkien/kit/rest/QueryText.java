package vn.congdoan.sangkien.kit.rest;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * The NUL character (U+0000, {@code %00} in a URI) cannot be stored or compared by PostgreSQL; in a query parameter or
 * the path it gets a 400 naming where it was, before any endpoint runs, instead of failing in the database. Only a URI
 * that holds {@code %00} is decoded here: the others, nearly all, cost one scan of the raw URI.
 */
@ApplicationScoped
public class QueryText {

    private static final Text NO_NUL = Text.of("must not contain the NUL character (%00)",
            "không được chứa ký tự NUL (%00)");

    @ServerRequestFilter(preMatching = true)
    public void refuseNul(ContainerRequestContext request, HttpServerRequest http) {
        if (!http.uri().contains("%00")) {
            return;
        }
        if (request.getUriInfo().getPath().indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("path", NO_NUL);
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (name.indexOf('\u0000') >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw ProblemException.badRequest(name.replace("\u0000", "%00"), NO_NUL);
            }
        }
    }
}
