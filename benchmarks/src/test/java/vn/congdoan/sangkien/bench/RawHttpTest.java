package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class RawHttpTest {

    private HttpServer server;
    private URI base;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(body, StandardCharsets.UTF_8);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Long", "v".repeat(40_000));
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 3; i++) {
                exchange.getResponseBody().write(("part " + i + "; ").repeat(5_000).getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void answersOfEveryFramingArriveWholeOnOneKeptAliveConnection() throws IOException {
        try (RawHttp http = new RawHttp()) {
            RawHttp.Request post = RawHttp.Request.of("POST", base.resolve("/echo?x=1"),
                    Map.of("Authorization", List.of("Bearer t")), "Sáng kiến".getBytes(StandardCharsets.UTF_8), 5_000);
            RawHttp.Answer echoed = http.send(post);
            assertThat(echoed.status()).isEqualTo(201);
            assertThat(new String(echoed.body(), StandardCharsets.UTF_8)).isEqualTo("POST /echo?x=1 Bearer t Sáng kiến");

            RawHttp.Answer chunked = http.send(RawHttp.Request.of("GET", base.resolve("/chunked"), Map.of(),
                    new byte[0], 5_000));
            assertThat(chunked.status()).isEqualTo(200);
            String text = new String(chunked.body(), StandardCharsets.UTF_8);
            assertThat(text).hasSize(3 * 5_000 * "part 0; ".length()).startsWith("part 0; ").endsWith("part 2; ");

            assertThat(http.send(RawHttp.Request.of("GET", base.resolve("/empty"), Map.of(), new byte[0], 5_000))
                    .status()).isEqualTo(204);
            assertThat(http.send(post).status()).as("after a 204, the connection still reads answers in step")
                    .isEqualTo(201);
        }
    }

    @Test
    void aConnectionTheServerClosedIsReplacedOnce() throws IOException {
        try (RawHttp http = new RawHttp()) {
            RawHttp.Request get = RawHttp.Request.of("GET", base.resolve("/echo"), Map.of(), new byte[0], 5_000);
            assertThat(http.send(get).status()).isEqualTo(201);
            server.stop(0);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", base.getPort()), 0);
            server.createContext("/echo", exchange -> {
                connections.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            assertThat(http.send(get).status()).isEqualTo(200);
            assertThat(connections).hasValue(1);
        }
    }

    @Test
    void theIdOfA201IsFoundAmongItsBytes() {
        String body = "{\"authors\":[{\"memberId\":\"m-1\"}],\"id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"title\":\"Sáng\"}";
        assertThat(WriteBenchmark.id(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(WriteBenchmark.id("{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
