package vn.congdoan.sangkien.kit.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * What was wrong with a JSON body, said in the API's terms: the field, what it must be and what it was. Jackson's own
 * messages name Java types ({@code java.util.UUID}, the request's record class, {@code StreamReadConstraints}), which
 * mean nothing to a client and tell an attacker how the service is built.
 */
final class JsonProblems {

    /** A qualified Java name: its package is dropped, its simple name kept. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");
    private static final int MAX_DETAIL = 300;

    private JsonProblems() {
    }

    /** The field at fault: a JSON path such as {@code authors[0].memberId}, or {@code body} for the whole of it. */
    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return field.toString();
        }
        return "body";
    }

    static String detail(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "is not a property of this request" + known(unknown.getKnownPropertyIds());
        } else if (e instanceof InvalidFormatException format) {
            detail = "must be " + expected(format.getTargetType()) + ", was '" + shorten(String.valueOf(
                    format.getValue())) + "'";
        } else if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            detail = "cannot be read: " + plain(instantiation.getCause().getMessage());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = "must be " + expected(mismatch.getTargetType());
        } else if (e instanceof StreamConstraintsException) {
            detail = "is larger or nests deeper than this service reads: " + limitOf(e.getOriginalMessage());
        } else {
            detail = "is not well-formed JSON: " + plain(e.getOriginalMessage());
        }
        return shorten(detail);
    }

    /** A type as a client knows it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class) {
            return "a time (ISO 8601, such as 2022-04-15T08:00:00+07:00)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another kind";
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        List<String> sorted = names.stream().map(String::valueOf).sorted().toList();
        return "; known properties: " + String.join(", ", sorted);
    }

    /** Which of Jackson's read limits was passed, without naming Jackson's classes. */
    private static String limitOf(String message) {
        String text = message == null ? "" : message;
        if (text.contains("nesting depth")) {
            return "too deeply nested";
        }
        if (text.contains("Number value length") || text.contains("number")) {
            return "a number with too many digits";
        }
        if (text.contains("String value length") || text.contains("String")) {
            return "a text too long";
        }
        return "too large";
    }

    /** A message with every qualified Java name cut to its simple name, on one line. */
    static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return QUALIFIED.matcher(line).replaceAll("$1").replace("`", "");
    }

    private static String shorten(String text) {
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }
}
