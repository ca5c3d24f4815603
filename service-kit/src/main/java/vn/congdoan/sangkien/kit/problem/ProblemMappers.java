package vn.congdoan.sangkien.kit.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** The one place where exceptions become {@code application/problem+json} answers. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(e.toProblem());
        if (e.status() == 401) {
            return challenge(response);
        }
        if (e.retryAfterSeconds() != null) {
            return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds().toString()).build();
        }
        if (e.status() == 413) {
            // the rest of the body is still on its way: the connection cannot carry another request
            return Response.fromResponse(response).header("Connection", "close").build();
        }
        return response;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return challenge(respond(Problem.of(401, "Unauthorized",
                "Missing, expired or invalid credentials: send a valid bearer token or API key", null)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "Your roles do not allow this", null));
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer, ApiKey").build();
    }

    /** Also takes the subclass that Quarkus throws for REST parameters, which would otherwise answer plain JSON. */
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail,
                errors.isEmpty() ? null : errors.get(0).field(), errors));
    }

    /** Listed one by one: Quarkus maps some subclasses itself, and the most specific mapper wins. */
    @ServerExceptionMapper(value = { JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class,
            UnrecognizedPropertyException.class, StreamConstraintsException.class }, priority = 1)
    public Response unreadable(JsonProcessingException e) {
        // Without a path the fault is the body as a whole: not JSON, or not the object or array the endpoint reads.
        String field = JsonProblems.field(e);
        return respond(Problem.of(400, "Malformed JSON", field + ": " + JsonProblems.detail(e), field));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            return unconvertible(e.getCause(), uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        Response response = respond(Problem.of(status, title, e.getMessage(), null));
        if (e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    /**
     * JAX-RS answers 404 when a path or query parameter does not convert (a word where a number or UUID belongs).
     * For a query parameter that is the client's mistake: 400 naming it. A path that does not convert names no
     * resource: 404, saying why.
     */
    private static Response unconvertible(Throwable cause, UriInfo uri) {
        String reason = String.valueOf(cause.getMessage());
        for (Map.Entry<String, List<String>> param : uri.getQueryParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (!value.isEmpty() && reason.contains(value)) {
                    return respond(Problem.of(400, "Invalid request", param.getKey() + ": not a valid value: "
                            + reason, param.getKey()));
                }
            }
        }
        return respond(Problem.of(404, "Not Found", "No resource at " + uri.getPath() + ": " + reason, null));
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e) {
        return respond(Problem.of(409, "Concurrent change",
                "The resource was changed by someone else; read it again and retry", null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isUniqueViolation(e)) {
            return respond(Problem.of(409, "Conflict",
                    "Another request created the same thing at the same moment; read it and retry if needed", null));
        }
        String dataError = dataError(e);
        if (dataError != null) {
            return respond(Problem.of(400, "Invalid request", dataError, null));
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return problem(ProblemException.unavailable("The database is unavailable; retry shortly",
                    RETRY_AFTER_SECONDS));
        }
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(500, "Internal error", "An unexpected error occurred", null));
    }

    /** Two requests raced to create the same code or key: the loser learns it like any duplicate. */
    static boolean isUniqueViolation(Throwable e) {
        return sqlStates(e).anyMatch("23505"::equals);
    }

    /**
     * A value the database refuses as data (SQLSTATE class 22): the request carried it, so it is the client's to
     * fix. The most common, the NUL character, which PostgreSQL text cannot hold, is named.
     */
    static String dataError(Throwable e) {
        return sqlStates(e).filter(state -> state.startsWith("22")).findFirst()
                .map(state -> "22021".equals(state) || "22P05".equals(state)
                        ? "Text must not contain the NUL character (U+0000)"
                        : "A value in the request cannot be stored or compared (SQLSTATE " + state + ")")
                .orElse(null);
    }

    /**
     * Connection failures (SQLSTATE class 08), the server shutting down, restarting or not yet accepting connections
     * (57P01 to 57P03: a connection open when PostgreSQL stops fails with these), a statement cancelled because the
     * database did not answer in time (57014) or a lock it waited for was held too long (55P03), and no connection to
     * be had.
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        return causes(e).anyMatch(t -> t instanceof JDBCConnectionException
                || t instanceof SQLTransientConnectionException
                || t instanceof SQLException sql && (String.valueOf(sql.getSQLState()).startsWith("08")
                        || String.valueOf(sql.getSQLState()).matches("57P0[123]|57014|55P03")
                        || String.valueOf(sql.getMessage()).contains("acquisition timeout")));
    }

    private static Stream<String> sqlStates(Throwable e) {
        return causes(e).filter(SQLException.class::isInstance).map(t -> ((SQLException) t).getSQLState())
                .filter(Objects::nonNull);
    }

    /**
     * The exception, its causes and what they suppressed. A failed commit reaches us as the transaction manager's
     * RollbackException or HeuristicMixedException, which carries the database's error as a suppressed exception,
     * not as its cause.
     */
    static Stream<Throwable> causes(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> inOrder = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(e);
        while (!pending.isEmpty() && inOrder.size() < 100) {
            Throwable t = pending.poll();
            if (seen.add(t)) {
                inOrder.add(t);
                if (t.getCause() != null) {
                    pending.add(t.getCause());
                }
                pending.addAll(Arrays.asList(t.getSuppressed()));
            }
        }
        return inOrder.stream();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Paths look like create.request.authors[0].memberId: drop the method and parameter names.
        StringBuilder field = new StringBuilder();
        int index = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            index++;
            if (index <= 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && isQueryOrHeader(violation)) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    private static boolean isQueryOrHeader(ConstraintViolation<?> violation) {
        int nodes = 0;
        for (Path.Node ignored : violation.getPropertyPath()) {
            nodes++;
        }
        return nodes == 2;
    }
}
