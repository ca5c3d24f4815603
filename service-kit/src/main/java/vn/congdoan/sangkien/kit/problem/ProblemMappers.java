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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
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

/**
 * The one place where exceptions become {@code application/problem+json} answers, each with its {@link ProblemType}
 * and its text in the language the client reads ({@code Accept-Language}: Vietnamese or English).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;
    /** A row changed by another transaction since it was read (Hibernate's, when not turned into the JPA one). */
    private static final String STALE_STATE = "org.hibernate.StaleStateException";
    /** A connection lost under Hibernate, its SQLException as the cause. */
    private static final String JDBC_CONNECTION = "org.hibernate.exception.JDBCConnectionException";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers) {
        return problem(e, vietnamese(headers));
    }

    /** The answer to a problem, in Vietnamese or English. */
    public static Response problem(ProblemException e, boolean vietnamese) {
        Response response = respond(e.toProblem(vietnamese));
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
    public Response unauthenticated(RuntimeException e, HttpHeaders headers) {
        return problem(new ProblemException(ProblemType.UNAUTHORIZED, Text.of(
                "Missing, expired or invalid credentials: send a valid bearer token or API key",
                "Thông tin đăng nhập thiếu, hết hạn hoặc không hợp lệ: hãy gửi bearer token hoặc khóa API hợp lệ"),
                null), vietnamese(headers));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        return problem(ProblemException.forbidden(Text.of("Your roles do not allow this",
                "Vai trò của bạn không cho phép thao tác này")), vietnamese(headers));
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer, ApiKey").build();
    }

    /**
     * Also takes the subclass that Quarkus throws for REST parameters, which would otherwise answer plain JSON. The
     * messages come interpolated in the request's language (see ValidationMessages_vi.properties).
     */
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e, HttpHeaders headers) {
        boolean vietnamese = vietnamese(headers);
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage(), null, limitsOf(v)))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message())
                .collect(Collectors.joining("; "));
        Problem.FieldError first = errors.isEmpty() ? null : errors.get(0);
        ProblemType type = ProblemType.INVALID_REQUEST;
        return respond(new Problem(type.uri(), type.title().in(vietnamese), type.status(), detail,
                first == null ? null : first.field(), null, first == null ? null : first.limits(), errors));
    }

    /** Listed one by one: Quarkus maps some subclasses itself, and the most specific mapper wins. */
    @ServerExceptionMapper(value = { JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class,
            UnrecognizedPropertyException.class, StreamConstraintsException.class }, priority = 1)
    public Response unreadable(JsonProcessingException e, HttpHeaders headers) {
        return problem(JsonProblems.problem(e), vietnamese(headers));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return unreadable(json, headers);
            }
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            return problem(unconvertible(e.getCause(), uri), vietnamese(headers));
        }
        ProblemType type = ProblemType.ofStatus(status);
        Response response = problem(new ProblemException(type, httpText(status, e.getMessage()), null),
                vietnamese(headers));
        if (status != type.status()) {
            response = Response.fromResponse(response).status(status).build();
        }
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
    private static ProblemException unconvertible(Throwable cause, UriInfo uri) {
        String reason = JsonProblems.plain(String.valueOf(cause.getMessage()));
        for (Map.Entry<String, List<String>> param : uri.getQueryParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (!value.isEmpty() && String.valueOf(cause.getMessage()).contains(value)) {
                    return ProblemException.badRequest(param.getKey(), Text.of("not a valid value: " + reason,
                            "giá trị không hợp lệ: " + reason));
                }
            }
        }
        return new ProblemException(ProblemType.NOT_FOUND, Text.of("No resource at " + uri.getPath() + ": " + reason,
                "Không có tài nguyên tại " + uri.getPath() + ": " + reason), null);
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, HttpHeaders headers) {
        return problem(concurrentChange(), vietnamese(headers));
    }

    private static ProblemException concurrentChange() {
        return new ProblemException(ProblemType.CONCURRENT_CHANGE, Text.of(
                "The resource was changed by someone else; read it again and retry",
                "Dữ liệu vừa được người khác thay đổi; hãy đọc lại rồi thử lại"), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        return problem(unexpected(e), vietnamese(headers));
    }

    /** The problem an exception no other mapper took stands for. */
    static ProblemException unexpected(Throwable e) {
        if (causes(e).anyMatch(t -> isA(t, STALE_STATE))) {
            return concurrentChange();
        }
        if (isUniqueViolation(e)) {
            return ProblemException.conflict(null, Text.of(
                    "Another request created the same thing at the same moment; read it and retry if needed",
                    "Một yêu cầu khác vừa tạo cùng dữ liệu này; hãy đọc lại và thử lại nếu cần"));
        }
        Text dataError = dataError(e);
        if (dataError != null) {
            return ProblemException.badRequest(null, dataError);
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return ProblemException.unavailable(Text.of("The database is unavailable; retry shortly",
                    "Cơ sở dữ liệu tạm thời không truy cập được; hãy thử lại sau ít phút"), RETRY_AFTER_SECONDS);
        }
        LOG.error("Unexpected failure", e);
        return new ProblemException(ProblemType.INTERNAL_ERROR, Text.of("An unexpected error occurred",
                "Đã xảy ra lỗi ngoài dự kiến"), null);
    }

    /** What the HTTP layer refused, in the client's words: its own messages are English only. */
    private static Text httpText(int status, String message) {
        return switch (status) {
            case 404 -> Text.of("No resource at this path", "Không có tài nguyên tại đường dẫn này");
            case 405 -> Text.of("This path does not take this method; the Allow header lists those it takes",
                    "Đường dẫn này không nhận phương thức này; header Allow liệt kê các phương thức được nhận");
            case 406 -> Text.of("This path answers none of the media types the Accept header asks for",
                    "Đường dẫn này không trả về định dạng nào mà header Accept yêu cầu");
            case 415 -> Text.of("This path does not read the body's Content-Type",
                    "Đường dẫn này không đọc được nội dung có Content-Type này");
            default -> Text.of(JsonProblems.plain(message), JsonProblems.plain(message));
        };
    }

    /** Whether the client reads Vietnamese, by its Accept-Language; English otherwise. */
    static boolean vietnamese(HttpHeaders headers) {
        try {
            return headers != null && Text.vietnamese(headers.getAcceptableLanguages());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The bounds a constraint sets ({@code min}, {@code max}), for programs to show or check. */
    private static Map<String, Object> limitsOf(ConstraintViolation<?> violation) {
        Map<String, Object> limits = new java.util.LinkedHashMap<>();
        Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        switch (constraint) {
            case "Size" -> {
                limits.put("min", attributes.get("min"));
                limits.put("max", attributes.get("max"));
            }
            case "Min", "DecimalMin" -> limits.put("min", attributes.get("value"));
            case "Max", "DecimalMax" -> limits.put("max", attributes.get("value"));
            case "Positive" -> limits.put("min", 1);
            case "PositiveOrZero" -> limits.put("min", 0);
            case "Pattern" -> limits.put("pattern", attributes.get("regexp"));
            default -> {
                return null;
            }
        }
        return limits;
    }

    /** Two requests raced to create the same code or key: the loser learns it like any duplicate. */
    static boolean isUniqueViolation(Throwable e) {
        return sqlStates(e).anyMatch("23505"::equals);
    }

    /**
     * A value the database refuses as data (SQLSTATE class 22): the request carried it, so it is the client's to
     * fix. The most common, the NUL character, which PostgreSQL text cannot hold, is named.
     */
    static Text dataError(Throwable e) {
        return sqlStates(e).filter(state -> state.startsWith("22")).findFirst()
                .map(state -> "22021".equals(state) || "22P05".equals(state)
                        ? Text.of("Text must not contain the NUL character (U+0000)",
                                "Văn bản không được chứa ký tự NUL (U+0000)")
                        : Text.of("A value in the request cannot be stored or compared (SQLSTATE " + state + ")",
                                "Một giá trị trong yêu cầu không lưu hoặc so sánh được (SQLSTATE " + state + ")"))
                .orElse(null);
    }

    /**
     * Connection failures (SQLSTATE class 08), the server shutting down, restarting or not yet accepting connections
     * (57P01 to 57P03: a connection open when PostgreSQL stops fails with these), a statement cancelled because the
     * database did not answer in time (57014) or a lock it waited for was held too long (55P03), and no connection to
     * be had.
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        return causes(e).anyMatch(t -> isA(t, JDBC_CONNECTION)
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
     * Whether {@code e}'s class is, or extends, the class named: Hibernate's own exceptions are known by name, the
     * kit being used by services without Hibernate too.
     */
    private static boolean isA(Throwable e, String className) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
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
