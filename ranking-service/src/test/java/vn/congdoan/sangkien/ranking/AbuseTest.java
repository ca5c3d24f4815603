package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Finding 10 of the security review: anonymous clients opening thousands of streams took ranking-service's heap and
 * slowed every read. Streams are capped per address (the test profile allows four) and in total, and kept alive by
 * heartbeats rather than held silent.
 */
@QuarkusTest
@WithRankingResources
class AbuseTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void oneAddressOpensOnlySoManyStreams() throws IOException {
        String programme = Fixtures.newProgramme();
        List<Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Stream stream = Stream.open(root, programme);
                open.add(stream);
                assertThat(stream.status()).as("stream %d", i + 1).startsWith("HTTP/1.1 200");
            }
            double refusedBefore = streamRefusals();
            Stream refused = Stream.open(root, programme);
            try {
                assertThat(refused.status()).startsWith("HTTP/1.1 429");
                assertThat(refused.headers()).containsIgnoringCase("retry-after:").contains("application/problem+json");
            } finally {
                refused.close();
            }
            assertThat(streamRefusals() - refusedBefore).as("refusals counted at /q/metrics").isEqualTo(1.0);
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Stream again = Stream.open(root, programme);
                try {
                    assertThat(again.status()).startsWith("HTTP/1.1 200");
                } finally {
                    again.close();
                }
            });
        } finally {
            for (Stream stream : open) {
                stream.close();
            }
        }
    }

    private static double streamRefusals() {
        Matcher counted = Pattern.compile("sangkien_rate_limit_refusals_total\\{kind=\"streams\"} (\\S+)")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
    }

    @Test
    void aQuietStreamIsKeptAliveAndTellsClientsWhenToComeBack() throws IOException {
        String programme = Fixtures.newProgramme();
        try (Stream stream = Stream.open(root, programme)) {
            assertThat(stream.status()).startsWith("HTTP/1.1 200");
            List<String> lines = new ArrayList<>();
            // the test profile beats every second; nothing changes meanwhile
            while (lines.stream().noneMatch(l -> l.startsWith(":")) || lines.stream().noneMatch(l -> l.startsWith("retry:"))) {
                String line = stream.reader().readLine();
                assertThat(line).as("the stream is still open after %s", lines).isNotNull();
                lines.add(line);
            }
        }
    }

    /** A stream on its own connection, read line by line. */
    private record Stream(Socket socket, BufferedReader reader, String status, String headers)
            implements AutoCloseable {

        static Stream open(URI root, String programme) throws IOException {
            Socket socket = new Socket(root.getHost(), root.getPort());
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/standings/stream?programme=" + programme + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = String.valueOf(reader.readLine());
            StringBuilder headers = new StringBuilder();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                headers.append(line).append('\n');
            }
            return new Stream(socket, reader, status, headers.toString());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
