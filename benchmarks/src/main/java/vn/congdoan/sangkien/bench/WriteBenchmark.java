package vn.congdoan.sangkien.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import vn.congdoan.sangkien.events.Topics;

/**
 * POST /api/v1/initiatives (submit=true) by many members through many units, at fixed arrival rates (open model)
 * until the service saturates; and how long each submission takes from its 201 to initiative-events.v1.
 * Targets: ≥ 1,500/s with p99 < 50 ms.
 */
final class WriteBenchmark {

    /**
     * One arrival rate.
     *
     * @param outboxToBroker from the event's occurredAt (in the writing transaction) to its broker timestamp, ms
     * @param createdToTopic from the 201 reaching the client to a consumer reading the event, ms
     * @param created        201 answers
     * @param published      of those, events read from the topic
     */
    /**
     * @param cores the cores each part of the machine used during the rate, its warm-up included (see
     *        {@link ProcessCpu})
     */
    record Step(int rate, LatencyRun.Result result, Histogram outboxToBroker, Histogram createdToTopic, long created,
            long published, Map<String, Double> cores) {

        boolean saturated() {
            return WriteBenchmark.saturated(rate, result);
        }
    }

    /** The service no longer keeps up: it answers fewer than 95 % of the arrivals, slowly, or with errors. */
    static boolean saturated(int rate, LatencyRun.Result result) {
        return result.throughput() < rate * 0.95 || result.millis(99) > 1000
                || result.errors() > result.requests() / 100;
    }

    /** Arrivals per second of the warm-up before the measured rates. */
    static final int JIT_WARMUP_RATE = 500;

    private final Stack stack;
    private final Fixture fixture;
    private final Timeline timeline;
    /**
     * Before the first measured rate: a JVM compiles its hot code in its first minutes, on the same two cores; the
     * measured rates are the service as it runs for days, not its first minutes. The warm-up lasts at least this long,
     * and then goes on in steps of {@link #WARMUP_STEP} while the stack's JIT compilers used more than
     * {@link JitActivity#SETTLED_SHARE} of a core in the last step, up to {@link #jitWarmupMax}.
     */
    private final Duration jitWarmup = Duration.ofSeconds(Long.parseLong(
            Benchmarks.env("BENCH_WRITE_WARMUP_SECONDS", "60")));
    private final Duration jitWarmupMax = Duration.ofSeconds(Long.parseLong(
            Benchmarks.env("BENCH_WRITE_WARMUP_MAX_SECONDS", "480")));
    static final Duration WARMUP_STEP = Duration.ofSeconds(20);

    private JitActivity.Warmup warmedUp = new JitActivity.Warmup(Duration.ZERO, -1);

    WriteBenchmark(Stack stack, Fixture fixture, Timeline timeline) {
        this.stack = stack;
        this.fixture = fixture;
        this.timeline = timeline;
    }

    JitActivity.Warmup warmedUp() {
        return warmedUp;
    }

    /** POSTs at {@link #JIT_WARMUP_RATE} until the compilers settle (see {@link #jitWarmup}). */
    private JitActivity.Warmup warmUp(int senders) throws Exception {
        JitActivity jit = JitActivity.ofStack();
        Benchmarks.say("write path warm-up at %d/s, not measured: at least %d s%s".formatted(JIT_WARMUP_RATE,
                jitWarmup.toSeconds(), jit.available() ? ", until the JIT compilers settle (at most %d s)"
                        .formatted(jitWarmupMax.toSeconds()) : ""));
        return jit.warmUp(length -> new LatencyRun(Map.of()).senders(senders).runAtRate("POST initiatives (warm-up)",
                () -> fixture.rawSubmission(fixture.anyMember()), JIT_WARMUP_RATE, length, Duration.ZERO, null, null),
                jitWarmup, jitWarmupMax, WARMUP_STEP);
    }

    List<Step> run(List<Integer> rates, Duration warmup, Duration measure, int senders) throws Exception {
        List<Step> steps = new ArrayList<>();
        try (EventWatch watch = new EventWatch(stack.kafka)) {
            List<Map<String, Long>> createdAt = new ArrayList<>();
            List<LatencyRun.Result> results = new ArrayList<>();
            List<Map<String, Double>> cores = new ArrayList<>();
            if (!jitWarmup.isZero()) {
                warmedUp = warmUp(senders);
            }
            for (int rate : rates) {
                Benchmarks.say("write path @ %d/s: %d s warm-up, %d s measured".formatted(rate, warmup.toSeconds(),
                        measure.toSeconds()));
                Map<String, Long> created = new ConcurrentHashMap<>();
                timeline.mark(rate + "/s");
                Map<String, Long> cpuBefore = ProcessCpu.ticks();
                long started = System.nanoTime();
                LatencyRun.Result result = new LatencyRun(Map.of()).senders(senders).runAtRate("POST initiatives",
                        () -> fixture.rawSubmission(fixture.anyMember()), rate, warmup, measure, timeline, response -> {
                            if (response.status() == 201) {
                                created.put(id(response.body()), System.currentTimeMillis());
                            }
                        });
                cores.add(ProcessCpu.cores(cpuBefore, ProcessCpu.ticks(), (System.nanoTime() - started) / 1e9));
                results.add(result);
                createdAt.add(created);
                Benchmarks.say("  %.0f/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, %d errors".formatted(
                        result.throughput(), result.millis(50), result.millis(99), result.millis(99.9),
                        result.errors()));
                if (saturated(rate, result)) {
                    Benchmarks.say("  saturated: no higher rate");
                    break;
                }
            }
            long expected = createdAt.stream().mapToLong(Map::size).sum();
            watch.awaitAll(createdAt, Duration.ofSeconds(60));
            for (int i = 0; i < results.size(); i++) {
                Histogram toBroker = new Histogram(3);
                Histogram toTopic = new Histogram(3);
                long published = 0;
                for (Map.Entry<String, Long> e : createdAt.get(i).entrySet()) {
                    long[] seen = watch.seen.get(e.getKey());
                    if (seen != null) {
                        published++;
                        toBroker.recordValue(Math.max(0, seen[1]));
                        toTopic.recordValue(Math.max(0, seen[0] - e.getValue()));
                    }
                }
                steps.add(new Step(rates.get(i), results.get(i), toBroker, toTopic, createdAt.get(i).size(),
                        published, cores.get(i)));
            }
            Benchmarks.say("  %,d submissions created, %,d of them read back from %s%s".formatted(expected,
                    steps.stream().mapToLong(Step::published).sum(), Topics.INITIATIVE_EVENTS,
                    watch.unreadableRecords.get() == 0 ? ""
                            : " (%,d records unreadable)".formatted(watch.unreadableRecords.get())));
        }
        return steps;
    }

    private static final byte[] ID = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INITIATIVE_ID = "\"initiativeId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCCURRED_AT = "\"occurredAt\":\"".getBytes(StandardCharsets.US_ASCII);

    /** Where {@code field} (a JSON name with its colon and opening quote) ends in {@code json}; -1 if absent. */
    private static int after(byte[] json, byte[] field) {
        search: for (int at = 0; at + field.length <= json.length; at++) {
            for (int i = 0; i < field.length; i++) {
                if (json[at + i] != field[i]) {
                    continue search;
                }
            }
            return at + field.length;
        }
        return -1;
    }

    /** The id in a 201's body, found among its bytes without decoding or parsing the rest. */
    static String id(byte[] body) {
        int at = after(body, ID);
        return at < 0 || at + 36 > body.length ? "" : new String(body, at, 36, StandardCharsets.US_ASCII);
    }

    /**
     * An event's initiativeId and its occurredAt in epoch milliseconds, read from the record's bytes (the generator
     * reads thousands a second beside the system it measures); {@code null} when either is missing or unreadable.
     */
    static Map.Entry<String, Long> initiativeAndTime(byte[] event) {
        int id = after(event, INITIATIVE_ID);
        int time = after(event, OCCURRED_AT);
        if (id < 0 || id + 36 > event.length || time < 0) {
            return null;
        }
        int end = time;
        while (end < event.length && event[end] != '"') {
            end++;
        }
        try {
            return Map.entry(new String(event, id, 36, StandardCharsets.US_ASCII),
                    epochMillis(new String(event, time, end - time, StandardCharsets.US_ASCII)));
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** An ISO-8601 instant in epoch milliseconds. */
    static long epochMillis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** Reads initiative-events.v1 from its end, noting for each initiative when it arrived and its outbox lag. */
    private static final class EventWatch implements AutoCloseable {

        /** initiative id → {read at (epoch ms), broker timestamp − occurredAt (ms)} */
        final Map<String, long[]> seen = new ConcurrentHashMap<>();
        final AtomicLong unreadableRecords = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        EventWatch(String bootstrap) throws InterruptedException {
            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INITIATIVE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.currentTimeMillis();
                            // Two fields, found among the bytes: the record's key and the event's type names are
                            // the producer's business.
                            Map.Entry<String, Long> event = r.value() == null ? null : initiativeAndTime(r.value());
                            if (event == null) {
                                unreadableRecords.incrementAndGet();
                            } else {
                                seen.put(event.getKey(), new long[] { now, r.timestamp() - event.getValue() });
                            }
                        }
                    }
                }
            }, "event-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until every created initiative was read, at most {@code timeout}, or 10 s without a new one. */
        void awaitAll(List<Map<String, Long>> created, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            Instant lastProgress = Instant.now();
            int lastSize = seen.size();
            while (Instant.now().isBefore(deadline) && lastProgress.isAfter(Instant.now().minusSeconds(10))
                    && !created.stream().allMatch(m -> seen.keySet().containsAll(m.keySet()))) {
                Thread.sleep(500);
                if (seen.size() != lastSize) {
                    lastSize = seen.size();
                    lastProgress = Instant.now();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    /** The arrival rate in force each second, from the marks the write benchmark left at each new rate. */
    static double[] offered(Timeline timeline, int length) {
        double[] offered = new double[length];
        for (Charts.Marker m : timeline.marks()) {
            double rate = Double.parseDouble(m.label().replace("/s", ""));
            for (int i = (int) m.x(); i < length; i++) {
                offered[i] = rate;
            }
        }
        return offered;
    }

    static Charts.Series percentileSeries(String name, List<WriteBenchmark.Step> steps, double percentile) {
        return new Charts.Series(name, steps.stream().mapToDouble(WriteBenchmark.Step::rate).toArray(),
                steps.stream().mapToDouble(s -> s.result().millis(percentile)).toArray());
    }
}
