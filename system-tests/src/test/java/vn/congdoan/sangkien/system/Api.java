package vn.congdoan.sangkien.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.congdoan.sangkien.localstack.DevTokens;

/** HTTP as the system's clients speak it, with a timeout on every request: a hanging server fails the test. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Api() {
    }

    /** An answer, with the headers the tests read; {@code json()} parses the body. */
    record Reply(int status, String contentType, String retryAfter, String etag, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /**
     * The body of a valid initiative of {@code unitId} by one author, submitted at once: a test changes what it is
     * about.
     */
    static Map<String, Object> initiative(String unitId, String memberId, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programmeCode", "1-trieu-sang-kien");
        body.put("title", title);
        body.put("problem", "Khâu bốc xếp thủ công chậm và nguy hiểm");
        body.put("solution", "Lắp băng chuyền con lăn");
        body.put("expectedBenefit", "Nhanh hơn 30 %");
        body.put("field", "OTHER");
        body.put("unitId", unitId);
        body.put("authors", List.of(Map.of("memberId", memberId, "displayName", "Tác giả")));
        body.put("submit", true);
        return body;
    }

    static String bearer(String subject, String unit, String... roles) {
        return "Bearer " + DevTokens.token(subject, unit, Duration.ofHours(2), roles);
    }

    static Reply get(String url, String authorization) throws IOException, InterruptedException {
        return send("GET", url, authorization, Map.of(), null);
    }

    static Reply postJson(String url, String authorization, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send("POST", url, authorization, all, JSON.writeValueAsBytes(body));
    }

    /** A POST whose body is sent in chunks, without a Content-Length: what streaming clients do. */
    static Reply postChunked(String url, String authorization, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                authorization, Map.of("Content-Type", contentType));
    }

    /** Any request, byte for byte: {@code headers} may set a content type or none. */
    static Reply send(String method, String url, String authorization, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)), authorization, headers);
    }

    private static Reply exchange(HttpRequest.Builder request, String authorization, Map<String, String> headers)
            throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        SystemSummary.REQUESTS.incrementAndGet();
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("ETag").orElse(null), new String(response.body(), StandardCharsets.UTF_8));
    }
}
