package vn.congdoan.sangkien.kit.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code type} names the kind of problem ({@link ProblemType}); {@code title} and
 * {@code detail} are in Vietnamese or English by {@code Accept-Language}; the rest is for programs.
 *
 * @param field   the request field that is wrong, when one is (a JSON path such as {@code authors[0].memberId}, a
 *                query parameter or a header name)
 * @param allowed the values the field may take, when they are few (an enum)
 * @param limits  the limit that was broken ({@code min}, {@code max}, {@code maxBytes}…)
 * @param errors  every invalid field, when validation found several
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<String> allowed,
        Map<String, Object> limits, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: what is wrong with it, and the limit or values that hold for it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, List<String> allowed, Map<String, Object> limits) {
    }
}
