package vn.congdoan.sangkien.kit.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
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

    /** The problem a body that cannot be read poses, naming the field and, for an enum, the values it allows. */
    static ProblemException problem(JsonProcessingException e) {
        String field = field(e);
        Text detail = detail(e);
        ProblemException problem = new ProblemException(ProblemType.MALFORMED_JSON, Text.of(
                field + ": " + shorten(detail.en()), field + ": " + shorten(detail.vi())), field);
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            problem.allowed(Arrays.asList(target.getEnumConstants()));
        }
        return problem;
    }

    static Text detail(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = known(unknown.getKnownPropertyIds());
            return Text.of("is not a property of this request" + (known.isEmpty() ? "" : "; known properties: " + known),
                    "không phải thuộc tính của yêu cầu này" + (known.isEmpty() ? "" : "; các thuộc tính: " + known));
        }
        if (e instanceof InvalidFormatException format) {
            String value = shorten(String.valueOf(format.getValue()));
            Text expected = expected(format.getTargetType());
            return Text.of("must be " + expected.en() + ", was '" + value + "'",
                    "phải là " + expected.vi() + ", nhận được '" + value + "'");
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            String reason = plain(instantiation.getCause().getMessage());
            return Text.of("cannot be read: " + reason, "không đọc được: " + reason);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Text expected = expected(mismatch.getTargetType());
            return Text.of("must be " + expected.en(), "phải là " + expected.vi());
        }
        if (e instanceof StreamConstraintsException) {
            Text limit = limitOf(e.getOriginalMessage());
            return Text.of("is larger or nests deeper than this service reads: " + limit.en(),
                    "lớn hơn hoặc lồng sâu hơn mức dịch vụ này đọc: " + limit.vi());
        }
        String reason = plain(e.getOriginalMessage());
        return Text.of("is not well-formed JSON: " + reason, "không phải JSON hợp lệ: " + reason);
    }

    /** A type as a client knows it. */
    static Text expected(Class<?> type) {
        if (type == null) {
            return Text.of("a value of another kind", "một giá trị kiểu khác");
        }
        if (type.isEnum()) {
            String values = Arrays.toString(type.getEnumConstants());
            return Text.of("one of " + values, "một trong " + values);
        }
        if (type == UUID.class) {
            return Text.of("a UUID", "một UUID");
        }
        if (type == LocalDate.class) {
            return Text.of("a date (YYYY-MM-DD)", "một ngày (YYYY-MM-DD)");
        }
        if (type == Instant.class) {
            return Text.of("a time (ISO 8601, such as 2022-04-15T08:00:00+07:00)",
                    "một thời điểm (ISO 8601, ví dụ 2022-04-15T08:00:00+07:00)");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Text.of("true or false", "true hoặc false");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return Text.of("a whole number", "một số nguyên");
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return Text.of("a number", "một số");
        }
        if (type == String.class) {
            return Text.of("text", "văn bản");
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return Text.of("an array", "một mảng");
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return Text.of("an object", "một đối tượng");
        }
        return Text.of("a value of another kind", "một giá trị kiểu khác");
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        return String.join(", ", names.stream().map(String::valueOf).sorted().toList());
    }

    /** Which of Jackson's read limits was passed, without naming Jackson's classes. */
    private static Text limitOf(String message) {
        String text = message == null ? "" : message;
        if (text.contains("nesting depth")) {
            return Text.of("too deeply nested", "lồng quá sâu");
        }
        if (text.contains("Number value length") || text.contains("number")) {
            return Text.of("a number with too many digits", "một số có quá nhiều chữ số");
        }
        if (text.contains("String value length") || text.contains("String")) {
            return Text.of("a text too long", "một văn bản quá dài");
        }
        return Text.of("too large", "quá lớn");
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
