package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.localstack.DevTokens;

/**
 * The programme's full size: {@code rows} initiatives across the 63 provinces through the bulk import, submitted
 * (as a provincial system's history records them) on the days of the programme's first two years (one batch in
 * {@value #UNDATED_EVERY} without dates, to compare their cost),
 * ({@code POST /api/v1/initiatives/import?province=…}, batches of at most 5,000), the time ranking-service takes to
 * count them all, the databases' size, and a full rebuild of the standings from initiative-events.v1. Where the
 * import endpoint is missing (404), the same number of events goes straight to the topic instead, so that the
 * standings' flatness and the rebuild are still measured, and the report says so. Targets: import < 10 minutes,
 * rebuild < 2 minutes.
 */
final class ScaleBenchmark {

    static final int BATCH = 5_000;

    /**
     * @param importAvailable whether the bulk import answered; when not, the events went straight to the topic
     * @param loaded          initiatives created (import) or events sent (topic)
     * @param existing        rows that matched an initiative already there (updated or unchanged)
     * @param loadSeconds     the import (or the sending) alone
     * @param countedSeconds  from the start until ranking-service counted them all
     * @param databaseBytes   pg_database_size of each service's database, after the load
     */
    record Result(boolean importAvailable, String note, long loaded, long rejected, long existing, double loadSeconds,
            double countedSeconds, Map<String, Long> databaseBytes, JsonNode rebuild, double rebuildSeconds) {
    }

    private final Stack stack;
    private final Fixture fixture;
    private final Timeline timeline;
    private final Timeline counting;

    /**
     * @param timeline rows created (or events sent) per second
     * @param counting submissions ranking-service counted per second meanwhile
     */
    ScaleBenchmark(Stack stack, Fixture fixture, Timeline timeline, Timeline counting) {
        this.stack = stack;
        this.fixture = fixture;
        this.timeline = timeline;
        this.counting = counting;
    }

    Result load(int rows, int concurrency) throws Exception {
        long before = settledCount();
        Thread counter = countEverySecond(before);
        Instant started = Instant.now();
        AtomicLong created = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong existing = new AtomicLong();
        String note = null;
        boolean available = true;
        List<Batch> batches = batches(rows);
        Batch first = batches.get(0);
        HttpResponse<String> probe = importBatch(first);
        if (probe.statusCode() == 404 || probe.statusCode() == 405) {
            available = false;
            note = "POST /api/v1/initiatives/import answered " + probe.statusCode() + ": not available in this build";
            Benchmarks.say("  bulk import not available (" + probe.statusCode() + "); sending " + rows
                    + " events straight to " + Topics.INITIATIVE_EVENTS + " instead");
            publish(rows);
            created.set(rows);
        } else {
            count(first, probe, created, rejected, existing);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            AtomicReference<Exception> failure = new AtomicReference<>();
            List<Future<?>> running = new ArrayList<>();
            for (Batch batch : batches.subList(1, batches.size())) {
                running.add(pool.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        count(batch, importBatch(batch), created, rejected, existing);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            Thread progress = progress(created, rows, started);
            for (Future<?> f : running) {
                f.get();
            }
            progress.interrupt();
            pool.shutdown();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        double loadSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Benchmarks.say("  %,d loaded in %.1f s; waiting for ranking-service to count them".formatted(created.get(),
                loadSeconds));
        stack.awaitCounted(before + created.get(), Duration.ofMinutes(30));
        double countedSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        counter.interrupt();
        if (rejectedExample.get() != null) {
            note = "first rejected row: " + rejectedExample.get();
        }
        return new Result(available, note, created.get(), rejected.get(), existing.get(), loadSeconds, countedSeconds,
                sizes(), null, 0);
    }

    private Thread countEverySecond(long from) {
        Thread thread = new Thread(() -> {
            long last = from;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    long now = stack.counted();
                    counting.add(now - last, 0);
                    last = now;
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Exception unreadable) {
                // the chart then ends early; the load itself goes on
            }
        }, "counted-per-second");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The standings' count once earlier writes have all arrived: the same for two seconds. */
    private long settledCount() throws Exception {
        long previous = -1;
        long now = stack.counted();
        while (now != previous) {
            Thread.sleep(2000);
            previous = now;
            now = stack.counted();
        }
        return now;
    }

    /**
     * A full rebuild of the standings from offset 0 of initiative-events.v1, timed from the caller's side: from the
     * request that starts the job to the poll of its status resource that finds it done.
     */
    Result rebuild(Result loaded) throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> response = stack.post(stack.ranking + "/api/v1/admin/rebuild?programme="
                + Stack.PROGRAMME, stack.admin, "", Duration.ofSeconds(30));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Rebuild answered " + response.statusCode() + ": " + response.body());
        }
        // Location may be absolute or a path: resolved against the service either way
        String job = URI.create(stack.ranking + "/").resolve(response.headers().firstValue("Location")
                .orElseThrow()).toString();
        Instant deadline = started.plus(Duration.ofMinutes(30));
        JsonNode status = stack.getJson(job, stack.admin);
        while ("RUNNING".equals(status.path("state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The rebuild still runs after 30 minutes: " + status);
            }
            Thread.sleep(100);
            status = stack.getJson(job, stack.admin);
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (!"DONE".equals(status.path("state").asText())) {
            throw new IllegalStateException("The rebuild failed: " + status);
        }
        return new Result(loaded.importAvailable(), loaded.note(), loaded.loaded(), loaded.rejected(),
                loaded.existing(), loaded.loadSeconds(), loaded.countedSeconds(), loaded.databaseBytes(),
                status.path("report"), seconds);
    }

    /** @param dated whether its rows carry the day they were submitted (a provincial system's history) */
    private record Batch(String province, int rows, boolean dated) {
    }

    /**
     * What the import's batches cost, by whether their rows were dated: one batch in {@value #UNDATED_EVERY} goes
     * without dates, interleaved with the others, so that both kinds meet the same machine in the same run.
     */
    record ImportCost(long datedRows, long datedNanos, long undatedRows, long undatedNanos) {

        double datedMillisPerThousand() {
            return datedRows == 0 ? Double.NaN : datedNanos / 1e3 / datedRows;
        }

        double undatedMillisPerThousand() {
            return undatedRows == 0 ? Double.NaN : undatedNanos / 1e3 / undatedRows;
        }
    }

    static final int UNDATED_EVERY = 5;

    /** Rows and nanoseconds of the dated batches, then of the undated ones. */
    private final LongAdder[] cost = { new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder() };

    ImportCost importCost() {
        return new ImportCost(cost[0].sum(), cost[1].sum(), cost[2].sum(), cost[3].sum());
    }

    /** The rows spread evenly over the provinces, each province's in batches of at most 5,000. */
    private List<Batch> batches(int rows) {
        List<Batch> batches = new ArrayList<>();
        List<String> provinces = fixture.provinces;
        for (int p = 0; p < provinces.size(); p++) {
            int share = rows / provinces.size() + (p < rows % provinces.size() ? 1 : 0);
            for (int from = 0; from < share; from += BATCH) {
                batches.add(new Batch(provinces.get(p), Math.min(share, from + BATCH) - from,
                        batches.size() % UNDATED_EVERY != UNDATED_EVERY - 1));
            }
        }
        return batches;
    }

    private final AtomicLong serial = new AtomicLong();

    private String body(Batch batch) {
        List<String> units = fixture.unitsByProvince.get(batch.province());
        StringBuilder body = new StringBuilder(batch.rows() * 420).append('[');
        for (int i = 0; i < batch.rows(); i++) {
            long n = serial.incrementAndGet();
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"programmeCode\":\"1-trieu-sang-kien\",\"externalRef\":\"SCALE-").append(n)
                    .append("\",\"title\":\"Sáng kiến cải tiến quy trình số ").append(n)
                    .append("\",\"problem\":\"Quy trình kiểm kê kho mất nhiều giờ mỗi tuần.\",")
                    .append("\"solution\":\"Dán mã QR lên kệ và kiểm kê bằng điện thoại.\",")
                    .append("\"expectedBenefit\":\"Rút ngắn thời gian kiểm kê còn một phần ba.\",\"field\":\"OTHER\",")
                    .append("\"unitId\":\"").append(units.get((int) (n % units.size())))
                    .append("\",");
            if (batch.dated()) {
                body.append("\"submittedAt\":\"").append(PastReads.START.plusDays(n % PastReads.DAYS))
                        .append("T08:00:00+07:00\",");
            }
            body.append("\"authors\":[{\"memberId\":\"scale-member-").append(n % 400_000)
                    .append("\",\"displayName\":\"Người lao động ").append(n % 400_000).append("\"}],\"submit\":true}");
        }
        return body.append(']').toString();
    }

    /** The first rejected row's result, to show in the report. */
    private final AtomicReference<String> rejectedExample = new AtomicReference<>();

    /** Whether the national administrator may import, or each province's integration account must. */
    private volatile Boolean adminImports;

    /** Sends one batch; its body is made just before, so that a million rows are never all in memory. */
    private HttpResponse<String> importBatch(Batch batch) throws Exception {
        String body = body(batch);
        long started = System.nanoTime();
        HttpResponse<String> response = send(batch, body);
        if (response.statusCode() / 100 == 2) {
            int kind = batch.dated() ? 0 : 2;
            cost[kind].add(batch.rows());
            cost[kind + 1].add(System.nanoTime() - started);
        }
        return response;
    }

    private HttpResponse<String> send(Batch batch, String body) throws Exception {
        String url = stack.submission + "/api/v1/initiatives/import?province=" + batch.province();
        if (adminImports == null) {
            HttpResponse<String> response = stack.post(url, stack.admin, body, Duration.ofMinutes(10));
            adminImports = response.statusCode() != 403 && response.statusCode() != 401;
            if (adminImports) {
                return response;
            }
        }
        String token = adminImports ? stack.admin : "Bearer " + DevTokens.token("bench-import-" + batch.province(),
                batch.province(), Duration.ofHours(3), "PROVINCE_INTEGRATION");
        return stack.post(url, token, body, Duration.ofMinutes(10));
    }

    private void count(Batch batch, HttpResponse<String> response, AtomicLong created, AtomicLong rejected,
            AtomicLong existing) throws Exception {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Import for province " + batch.province() + " answered "
                    + response.statusCode() + ": " + response.body().substring(0, Math.min(500,
                            response.body().length())));
        }
        // The report's totals: created, updated, unchanged and rejected rows, and one result per row.
        JsonNode report = stack.json.readTree(response.body());
        long ok = report.path("created").asLong();
        long failed = report.path("rejected").asLong();
        existing.addAndGet(report.path("updated").asLong() + report.path("unchanged").asLong());
        if (failed > 0 && rejectedExample.get() == null) {
            for (JsonNode r : report.path("results")) {
                if (r.has("errors")) {
                    rejectedExample.compareAndSet(null, r.toString());
                    break;
                }
            }
        }
        created.addAndGet(ok);
        rejected.addAndGet(failed);
        timeline.add(ok, failed);
    }

    private Thread progress(AtomicLong done, long of, Instant started) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(15_000);
                    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
                    Benchmarks.say("  imported %,d of %,d (%.0f rows/s)".formatted(done.get(), of,
                            done.get() / seconds));
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "import-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Submitted initiatives across all provinces, straight to the topic as submission-service sends them: keyed by
     * province, so that each province's events stay in order.
     */
    private void publish(int count) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String province = fixture.provinces.get(i % fixture.provinces.size());
                List<String> units = fixture.unitsByProvince.get(province);
                UUID id = UUID.randomUUID();
                Instant now = Instant.now();
                InitiativeEvent event = new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, now, id,
                        1, Stack.PROGRAMME, UUID.fromString(units.get(i % units.size())),
                        UUID.fromString(DevTokens.unitId(province)), InitiativeStatus.SUBMITTED,
                        List.of("scale-member-" + (i % 400_000)), now);
                producer.send(new ProducerRecord<>(Topics.INITIATIVE_EVENTS, event.provinceId().toString(),
                        EventJson.write(event)));
                if (i % 1000 == 999) {
                    timeline.add(1000, 0);
                }
            }
            producer.flush();
        }
    }

    private Map<String, Long> sizes() throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = stack.database("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select datname, pg_database_size(datname) from pg_database "
                        + "where datname in ('orgunit', 'submission', 'ranking') order by datname")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return sizes;
    }
}
