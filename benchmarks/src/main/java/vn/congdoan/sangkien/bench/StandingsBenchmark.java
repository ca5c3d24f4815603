package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.localstack.DevTokens;

/**
 * Reads of the standings against a plain Quarkus hello-world endpoint under the same load generator, the 304 path,
 * the read cost at 1,000 and at {@code large} initiatives, and freshness from a submission's 201 to its count.
 * Targets: standings ≥ 70 % of hello-world's requests/s with p99 < 10 ms; 304 faster still; freshness p99 < 1 s.
 */
final class StandingsBenchmark {

    private static final String[] PROVINCES = { "01", "79", "38", "40", "42", "44", "45", "46", "48", "92" };

    private final String ranking;
    private final String hello;
    private final String submission;
    private final String orgUnits;
    private final String kafka;
    private final int large;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String admin = "Bearer " + DevTokens.token("benchmark", "TLD", Duration.ofHours(2), "NATIONAL_ADMIN");

    StandingsBenchmark(String ranking, String hello, String submission, String orgUnits, String kafka, int large) {
        this.ranking = ranking;
        this.hello = hello;
        this.submission = submission;
        this.orgUnits = orgUnits;
        this.kafka = kafka;
        this.large = large;
    }

    String run() throws Exception {
        Duration warmup = Duration.ofSeconds(Integer.parseInt(Benchmarks.env("BENCH_WARMUP_SECONDS", "15")));
        Duration measure = Duration.ofSeconds(Integer.parseInt(Benchmarks.env("BENCH_SECONDS", "20")));
        int clients = Integer.parseInt(Benchmarks.env("BENCH_CLIENTS", "4"));
        String standings = ranking + "/api/v1/standings";

        publish(1_000);
        awaitTotal(1_000);
        List<LatencyRun.Result> results = new ArrayList<>();
        results.add(new LatencyRun(Map.of()).run("hello-world (baseline)", List.of(hello + "/hello"), clients, warmup,
                measure));
        results.add(new LatencyRun(Map.of()).run("GET standings, 1,000 initiatives", List.of(standings), clients,
                warmup, measure));
        String etag = http.send(HttpRequest.newBuilder(URI.create(standings)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        results.add(new LatencyRun(Map.of("If-None-Match", etag)).run("GET standings → 304, 1,000 initiatives",
                List.of(standings), clients, warmup, measure));

        Instant loadStart = Instant.now();
        publish(large);
        awaitTotal(1_000 + large);
        double loadSeconds = Duration.between(loadStart, Instant.now()).toMillis() / 1000.0;
        results.add(new LatencyRun(Map.of()).run("GET standings, " + (1_000 + large) + " initiatives",
                List.of(standings), clients, warmup, measure));

        Histogram freshness = freshness(Integer.parseInt(Benchmarks.env("BENCH_FRESHNESS_SAMPLES", "100")));

        double ratio = results.get(1).throughput() / results.get(0).throughput();
        StringBuilder md = new StringBuilder();
        md.append("Reads with %d closed-loop clients, %d s each after %d s warm-up.%n%n".formatted(clients,
                measure.toSeconds(), warmup.toSeconds()));
        md.append(LatencyRun.TABLE_HEADER).append('\n');
        results.forEach(r -> md.append(r.markdownRow()).append('\n'));
        md.append("%nStandings at 1,000 initiatives reach %.0f %% of hello-world's requests/s (target ≥ 70 %%, p99 < 10 ms).%n"
                .formatted(ratio * 100));
        md.append("%d more initiatives were applied by ranking-service in %.1f s (%.0f events/s).%n".formatted(large,
                loadSeconds, large / loadSeconds));
        md.append("%nFreshness, from a submission's 201 to its count in the standings, %d submissions: p50 %.0f ms, "
                .formatted(freshness.getTotalCount(), freshness.getValueAtPercentile(50) / 1000.0)
                + "p99 %.0f ms, max %.0f ms (target p99 < 1 s).%n".formatted(freshness.getValueAtPercentile(99) / 1000.0,
                        freshness.getMaxValue() / 1000.0));
        return md.toString();
    }

    /** Sends {@code count} submitted initiatives straight to the topic, as submission-service would. */
    private void publish(int count) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(count);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                UUID province = UUID.fromString(DevTokens.unitId(PROVINCES[random.nextInt(PROVINCES.length)]));
                Instant now = Instant.now();
                InitiativeEvent event = new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, now, id, 0,
                        "1-trieu-sang-kien", province, province, InitiativeStatus.SUBMITTED,
                        List.of("bench-m-" + random.nextInt(50_000)), now);
                producer.send(new ProducerRecord<>(Topics.INITIATIVE_EVENTS, province.toString(),
                        EventJson.write(event)));
            }
            producer.flush();
        }
    }

    private long total() throws Exception {
        JsonNode summary = json.readTree(http.send(HttpRequest.newBuilder(URI.create(ranking
                + "/api/v1/programmes/1-trieu-sang-kien/summary")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return summary.path("submissions").asLong();
    }

    private void awaitTotal(long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (total() < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Standings did not reach " + expected + " submissions");
            }
            Thread.sleep(200);
        }
    }

    /** Submits through the API one at a time and waits for each to show in Hà Tĩnh's row. */
    private Histogram freshness(int samples) throws Exception {
        String haTinh = DevTokens.unitId("42");
        String unitBody = "{\"code\":\"BENCH-FRESH-%s\",\"name\":\"Công đoàn cơ sở đo độ trễ\",\"type\":\"GRASSROOTS\",\"parentId\":\"%s\"}"
                .formatted(UUID.randomUUID().toString().substring(0, 8), haTinh);
        JsonNode unit = json.readTree(send(orgUnits + "/api/v1/units", admin, unitBody).body());
        String unitId = unit.get("id").asText();
        String member = "Bearer " + DevTokens.token("bench-author", unitId, Duration.ofHours(1), "MEMBER");
        String body = """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến đo độ trễ","problem":"p","solution":"s",
                 "expectedBenefit":"b","field":"OTHER","unitId":"%s","authors":[{"memberId":"bench-author","displayName":"Người đo"}],
                 "submit":true}""".formatted(unitId);
        Histogram histogram = new Histogram(3);
        String row = ranking + "/api/v1/standings/42";
        for (int i = 0; i < samples; i++) {
            long before = json.readTree(http.send(HttpRequest.newBuilder(URI.create(row)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("submissions").asLong();
            HttpResponse<String> created = send(submission + "/api/v1/initiatives", member, body);
            if (created.statusCode() == 404 || created.statusCode() == 422 || created.statusCode() == 403) {
                i--; // the unit has not reached submission-service's replica yet
                Thread.sleep(100);
                continue;
            }
            long t0 = System.nanoTime();
            while (json.readTree(http.send(HttpRequest.newBuilder(URI.create(row)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("submissions").asLong() <= before) {
                Thread.sleep(5);
                if (System.nanoTime() - t0 > 30_000_000_000L) {
                    throw new IllegalStateException("A submission did not reach the standings within 30 s");
                }
            }
            histogram.recordValue((System.nanoTime() - t0) / 1000);
        }
        return histogram;
    }

    private HttpResponse<String> send(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
