package vn.congdoan.sangkien.ranking.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.congdoan.sangkien.kit.security.ApiKeyAuthenticationMechanism;
import vn.congdoan.sangkien.ranking.config.RankingConfig;

/**
 * The titles of initiatives, asked from submission-service with the caller's own credentials, so that its rules of
 * who may read what decide what a report shows: ranking-service holds no title (the events carry none). One request
 * per {@link #BATCH} ids, all within {@link RankingConfig#titlesTimeout()}; when submission-service does not answer
 * in time, or refuses, the titles are unknown and the report names the initiatives by id.
 */
@ApplicationScoped
public class InitiativeTitles {

    private static final Logger LOG = Logger.getLogger(InitiativeTitles.class);
    /** Ids per request: they travel in its request line, which the other service reads up to 4,096 bytes. */
    static final int BATCH = 50;

    /** What the caller presented: forwarded as it came, either may be null. */
    public record Credentials(String authorization, String apiKey) {
    }

    private final ObjectMapper json;
    private final Optional<URI> base;
    private final Duration timeout;
    private final HttpClient http;

    public InitiativeTitles(ObjectMapper json, RankingConfig config) {
        this.json = json;
        this.base = config.submissionServiceUrl();
        this.timeout = config.titlesTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * The titles of {@code ids} the caller may read, by id; empty when they cannot be known now (the service not
     * configured, down, slow or refusing).
     */
    public Optional<Map<UUID, String>> titles(List<UUID> ids, Credentials credentials) {
        if (base.isEmpty()) {
            return Optional.empty();
        }
        if (ids.isEmpty()) {
            return Optional.of(Map.of());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<UUID, String> titles = new HashMap<>();
        try {
            for (int from = 0; from < ids.size(); from += BATCH) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    return unknown("no answer within " + timeout);
                }
                List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve("/api/v1/initiatives?limit="
                        + batch.size() + "&id=" + batch.stream().map(UUID::toString).collect(Collectors.joining(","))))
                        .timeout(left).header("Accept", "application/json").GET();
                if (credentials.authorization() != null) {
                    request.header("Authorization", credentials.authorization());
                }
                if (credentials.apiKey() != null) {
                    request.header(ApiKeyAuthenticationMechanism.HEADER, credentials.apiKey());
                }
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200) {
                    return unknown("answered " + answer.statusCode());
                }
                for (JsonNode item : json.readTree(answer.body()).path("items")) {
                    JsonNode title = item.path("title");
                    if (title.isTextual()) {
                        titles.put(UUID.fromString(item.path("id").asText()), title.asText());
                    }
                }
            }
            return Optional.of(titles);
        } catch (IOException | IllegalArgumentException e) {
            return unknown(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown("interrupted");
        }
    }

    private static Optional<Map<UUID, String>> unknown(String why) {
        LOG.warnf("A report names its initiatives by id: submission-service %s", why);
        return Optional.empty();
    }
}
