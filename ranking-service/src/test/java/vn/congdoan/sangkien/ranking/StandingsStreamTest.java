package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.InitiativeStatus;

@QuarkusTest
@WithRankingResources
class StandingsStreamTest {

    @TestHTTPResource("/api/v1/standings/stream")
    URI stream;

    @Test
    void theStreamSendsTheStandingsAndThenEachChange() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Sơn La", 10_000);
        String region = Fixtures.grouping("REGION", GroupingKind.REGION, province);
        send(submitted(programme, province, "m-1"));
        await().atMost(WAIT).until(() -> given().queryParam("programme", programme)
                .queryParam("region", region).get("/api/v1/standings").statusCode() == 200);

        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?programme=" + programme + "&region=" + region))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        try (Stream<String> lines = response.body()) {
            Iterator<String> events = lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                    .iterator();
            JsonPath first = nextEvent(events, body -> body.getInt("[0].submissions") == 1);
            assertThat(first.getString("[0].provinceId")).isEqualTo(province.toString());
            assertThat(first.getString("[0].shortName")).isEqualTo("Sơn La");

            send(submitted(programme, province, "m-2"));
            JsonPath changed = nextEvent(events, body -> body.getInt("[0].submissions") == 2);
            assertThat(changed.getInt("[0].submitters")).isEqualTo(2);
        }
    }

    /** A stream of a past day's standings sends them, and again when late data for that day arrives. */
    @Test
    void theStreamOfAPastDaySendsItsStandingsAndTheLateDataForIt() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Lai Châu", 10_000);
        Instant april10 = LocalDate.of(2022, 4, 10).atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
        send(Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED, april10, "m-1"),
                submitted(programme, province, "m-2"));
        Fixtures.awaitSubmissions(programme, province, 2);

        try (Stream<String> lines = open(URI.create(stream + "?programme=" + programme + "&asOf=2022-04-10"), null)) {
            Iterator<String> events = lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                    .iterator();
            JsonPath first = nextEvent(events, body -> body.getInt("[0].submissions") == 1);
            assertThat(first.getInt("[0].today")).isEqualTo(1);

            send(Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED, april10, "m-3"));
            JsonPath late = nextEvent(events, body -> body.getInt("[0].submissions") == 2);
            assertThat(late.getInt("[0].submitters")).isEqualTo(2);
        }
    }

    /** A dashboard on an allowed origin (CORS_ORIGINS) opens the stream from a browser; one on another may not. */
    @Test
    void theStreamOpensFromAnAllowedOriginAndAPreflightFromAnotherIsRefused() throws Exception {
        String allowed = "https://sangkien.example.vn";
        String programme = Fixtures.newProgramme();
        send(submitted(programme, Fixtures.province("Liên đoàn Lao động tỉnh Lai Châu", 5_000), "m-1"));
        await().atMost(WAIT).until(() -> given().queryParam("programme", programme)
                .get("/api/v1/standings").statusCode() == 200);

        given().header("Origin", allowed).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id")
                .options("/api/v1/standings/stream").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", allowed)
                .header("Access-Control-Allow-Headers", containsString("Last-Event-ID"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?programme=" + programme))
                .header("Accept", "text/event-stream").header("Origin", allowed).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(allowed);
            assertThat(lines.filter(l -> l.startsWith("data:")).findFirst()).isPresent();
        }

        given().header("Origin", "https://lua-dao.example.com").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/standings/stream").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theSummaryStreamSendsTheSummaryAndAReconnectWithItsIdGetsOnlyHeartbeatsUntilItChanges() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Lai Châu", 10_000);
        send(submitted(programme, province, "m-1"));
        await().atMost(WAIT).until(() -> given().get("/api/v1/programmes/{code}/summary", programme)
                .jsonPath().getInt("submissions") == 1);
        URI summary = URI.create(stream.resolve("/api/v1/programmes/") + programme + "/summary/stream");

        String id;
        try (Stream<String> lines = open(summary, null)) {
            Iterator<String> it = lines.iterator();
            List<String> event = eventLines(it);
            assertThat(event).contains("event:summary").anyMatch(l -> l.startsWith("retry:"))
                    .anyMatch(l -> l.startsWith("data:") && l.contains("\"submissions\":1"));
            id = event.stream().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
            assertThat(given().get("/api/v1/programmes/{code}/summary", programme).header("ETag"))
                    .isEqualTo("\"" + id + "\"");
        }

        try (Stream<String> lines = open(summary, id)) {
            Iterator<String> it = lines.iterator();
            // what the client has is current: a heartbeat (each second in tests) comes, no event
            String first = CompletableFuture.supplyAsync(it::next).get(20, TimeUnit.SECONDS);
            assertThat(first).startsWith(":");

            send(submitted(programme, province, "m-2"));
            List<String> changed = eventLines(it);
            assertThat(changed).anyMatch(l -> l.startsWith("data:") && l.contains("\"submissions\":2"));
        }
    }

    @Test
    void anUnknownProgrammeIsNotFoundBeforeTheStreamOpens() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?programme=" + Fixtures.programmeCode()))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(new JsonPath(String.join("\n", lines.toList())).getString("field")).isEqualTo("programme");
        }
    }

    private static Stream<String> open(URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The lines of the next event (heartbeats skipped), up to the blank line that ends it. */
    private static List<String> eventLines(Iterator<String> lines) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<String> event = new ArrayList<>();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty() && !event.isEmpty()) {
                    return event;
                }
                if (!line.isEmpty() && !line.startsWith(":")) {
                    event.add(line.replaceFirst(": ?", ":"));
                }
            }
            throw new AssertionError("The stream ended");
        }).get(20, TimeUnit.SECONDS);
    }

    /** Reads events until one matches; the province may still be on its way when the stream opens. */
    private static JsonPath nextEvent(Iterator<String> events, Predicate<JsonPath> matching)
            throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (events.hasNext()) {
                JsonPath body = new JsonPath(events.next());
                if (!body.getList("$").isEmpty() && matching.test(body)) {
                    return body;
                }
            }
            throw new AssertionError("The stream ended");
        }).get(20, TimeUnit.SECONDS);
    }
}
