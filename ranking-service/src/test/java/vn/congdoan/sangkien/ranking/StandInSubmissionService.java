package vn.congdoan.sangkien.ranking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What ranking-service asks of submission-service, answered as submission-service's list answers
 * ({@code GET /api/v1/initiatives?id=…}), on the address {@code ranking.submission-service-url} names in the tests.
 * It stands for the other service only in these tests; the system tests run the real one.
 */
final class StandInSubmissionService implements AutoCloseable {

    /** One request: the credentials it came with and the ids it named. */
    record Asked(String authorization, List<String> ids) {
    }

    private final HttpServer server;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private StandInSubmissionService(Map<UUID, String> titles, boolean hang) throws IOException {
        URI url = URI.create(ConfigProvider.getConfig().getValue("ranking.submission-service-url", String.class));
        server = HttpServer.create(new InetSocketAddress(url.getHost(), url.getPort()), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/initiatives", exchange -> answer(exchange, titles, hang));
        server.start();
    }

    /** Answers with the titles given, for the ids asked. */
    static StandInSubmissionService start(Map<UUID, String> titles) throws IOException {
        return new StandInSubmissionService(titles, false);
    }

    /** Takes every request and never answers it. */
    static StandInSubmissionService hanging() throws IOException {
        return new StandInSubmissionService(Map.of(), true);
    }

    List<Asked> asked() {
        return asked;
    }

    private void answer(HttpExchange exchange, Map<UUID, String> titles, boolean hang) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith("id=")) {
                ids.addAll(Arrays.asList(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8).split(",")));
            }
        }
        asked.add(new Asked(exchange.getRequestHeaders().getFirst("Authorization"), ids));
        if (hang) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (String id : ids) {
            String title = titles.get(UUID.fromString(id));
            if (title != null) {
                items.add(Map.of("id", id, "title", title));
            }
        }
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("items", items));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
