package vn.congdoan.sangkien.kit.problem;

/**
 * The kinds of problem the API answers, each with its stable {@code type} URI, status and title: a client tells one
 * problem from another by {@code type}, never by the words of {@code title} or {@code detail}. The table of them, for
 * client developers, is docs/problems.md; a test keeps the two the same.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", 400, Text.of("Invalid request", "Yêu cầu không hợp lệ")),
    MALFORMED_JSON("malformed-json", 400, Text.of("Malformed JSON", "Nội dung JSON không đọc được")),
    UNAUTHORIZED("unauthorized", 401, Text.of("Unauthorized", "Chưa đăng nhập")),
    FORBIDDEN("forbidden", 403, Text.of("Forbidden", "Không có quyền")),
    NOT_FOUND("not-found", 404, Text.of("Not found", "Không tìm thấy")),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, Text.of("Method not allowed", "Phương thức không được hỗ trợ")),
    NOT_ACCEPTABLE("not-acceptable", 406, Text.of("Not acceptable", "Không có định dạng phù hợp")),
    CONFLICT("conflict", 409, Text.of("Conflict", "Xung đột với dữ liệu hiện có")),
    INVALID_TRANSITION("invalid-transition", 409, Text.of("Status change not allowed",
            "Không được chuyển trạng thái")),
    CONCURRENT_CHANGE("concurrent-change", 409, Text.of("Concurrent change", "Dữ liệu vừa bị người khác thay đổi")),
    PRECONDITION_FAILED("precondition-failed", 412, Text.of("Changed since you read it",
            "Dữ liệu đã thay đổi từ lần đọc trước")),
    CONTENT_TOO_LARGE("content-too-large", 413, Text.of("Content too large", "Nội dung quá lớn")),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, Text.of("Unsupported media type",
            "Định dạng nội dung không được hỗ trợ")),
    RULE_VIOLATED("rule-violated", 422, Text.of("Rule violated", "Vi phạm quy tắc")),
    PRECONDITION_REQUIRED("precondition-required", 428, Text.of("Precondition required",
            "Thiếu điều kiện If-Match")),
    TOO_MANY_REQUESTS("too-many-requests", 429, Text.of("Too many requests", "Quá nhiều yêu cầu")),
    INTERNAL_ERROR("internal-error", 500, Text.of("Internal error", "Lỗi hệ thống")),
    SERVICE_UNAVAILABLE("service-unavailable", 503, Text.of("Service unavailable", "Dịch vụ tạm thời không sẵn sàng"));

    /** Where every type URI starts. */
    public static final String BASE = "urn:sangkien:problem:";

    private final String name;
    private final int status;
    private final Text title;

    ProblemType(String name, int status, Text title) {
        this.name = name;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE + name;
    }

    public int status() {
        return status;
    }

    public Text title() {
        return title;
    }

    /** The type of a status that no more specific problem names (405, 406, 415 from the HTTP layer, say). */
    public static ProblemType ofStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
