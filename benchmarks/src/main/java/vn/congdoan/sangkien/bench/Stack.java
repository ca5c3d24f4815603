package vn.congdoan.sangkien.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.congdoan.sangkien.localstack.DevTokens;

/** Where the local stack's parts answer, and the few calls every suite makes to it. */
final class Stack {

    /** The local-stack launcher this run started ({@code STACK_PID}): the stack's processes are its descendants. */
    static Optional<ProcessHandle> launcher() {
        return Optional.ofNullable(System.getenv("STACK_PID")).filter(s -> !s.isBlank())
                .flatMap(s -> ProcessHandle.of(Long.parseLong(s.trim())));
    }

    /** A process's command line from {@code /proc}, its arguments separated by spaces; empty once it has ended. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static final String PROGRAMME = "1-trieu-sang-kien";

    final String orgUnits = Benchmarks.env("ORG_UNIT_URL", "http://localhost:8081");
    final String submission = Benchmarks.env("SUBMISSION_URL", "http://localhost:8082");
    final String ranking = Benchmarks.env("RANKING_URL", "http://localhost:8083");
    final String hello = Benchmarks.env("HELLO_URL", "http://localhost:8090");
    final String kafka = Benchmarks.env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    final String pgHost = "127.0.0.1";
    final int pgPort = Integer.parseInt(Benchmarks.env("LOCAL_POSTGRES_PORT", "15432"));
    final String admin = "Bearer " + DevTokens.token("benchmark", "TLD", Duration.ofHours(3), "NATIONAL_ADMIN");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + name, "postgres",
                "postgres");
    }

    JsonNode getJson(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    HttpResponse<String> post(String url, String token, String body, Duration timeout) throws Exception {
        return send("POST", url, token, body, timeout);
    }

    HttpResponse<String> put(String url, String token, String body, Duration timeout) throws Exception {
        return send("PUT", url, token, body, timeout);
    }

    /** A JSON body sent with {@code method}, with the caller's token when given. */
    private HttpResponse<String> send(String method, String url, String token, String body, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The submissions the standings count, nationally. */
    long counted() throws Exception {
        return getJson(ranking + "/api/v1/programmes/" + PROGRAMME + "/summary", null).path("submissions").asLong();
    }

    /** Waits until the standings count at least {@code expected} submissions; prints progress now and then. */
    void awaitCounted(long expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextSay = Instant.now().plusSeconds(10);
        long counted;
        while ((counted = counted()) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The standings counted " + counted + " of " + expected
                        + " submissions after " + timeout.toSeconds() + " s");
            }
            if (Instant.now().isAfter(nextSay)) {
                Benchmarks.say("  ranking-service has counted %,d of %,d".formatted(counted, expected));
                nextSay = Instant.now().plusSeconds(10);
            }
            Thread.sleep(200);
        }
    }
}
