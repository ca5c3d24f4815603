package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * {@code clients} dashboards on /api/v1/standings/stream at once, each on its own connection: all connect and get
 * the standings, then submissions change them a few times and each change's delivery is timed, from the
 * submission's 201 to the event reaching each client. Reads of the standings go on meanwhile, to show the service
 * still serves them.
 */
final class SseBenchmark {

    /**
     * @param connected      clients that got the first event
     * @param receivedPerChange how many clients got an event after each change
     * @param lost           connections that ended before the clients closed them
     */
    record Result(int clients, int connected, double connectSeconds, List<Integer> receivedPerChange, int lost,
            Histogram delivery, LatencyRun.Result readsMeanwhile) {
    }

    private final Stack stack;
    private final Fixture fixture;

    SseBenchmark(Stack stack, Fixture fixture) {
        this.stack = stack;
        this.fixture = fixture;
    }

    Result run(int clients, int changes) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Listener> listeners = new ArrayList<>();
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ranking + "/api/v1/standings/stream"))
                .header("Accept", "text/event-stream").build();
        List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Listener listener = new Listener();
            listeners.add(listener);
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(listener)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && listeners.stream().anyMatch(l -> l.events.isEmpty())) {
            Thread.sleep(100);
        }
        int connected = (int) listeners.stream().filter(l -> !l.events.isEmpty()).count();
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        Benchmarks.say("  %d of %d clients connected and got the standings in %.1f s".formatted(connected, clients,
                connectSeconds));

        Histogram delivery = new Histogram(3);
        List<Integer> received = new ArrayList<>();
        CompletableFuture<LatencyRun.Result> reads = CompletableFuture.supplyAsync(() -> {
            try {
                return new LatencyRun(Map.of()).run("GET standings while " + clients + " SSE clients are connected",
                        List.of(stack.ranking + "/api/v1/standings"), 2, Duration.ofSeconds(2),
                        Duration.ofSeconds(Math.max(5, changes * 3L)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int c = 0; c < changes; c++) {
            Thread.sleep(1500);
            int status = fixture.submit(fixture.anyMember());
            long changed = System.nanoTime();
            if (status != 201) {
                throw new IllegalStateException("A submission to change the standings answered " + status);
            }
            long wait = changed + TimeUnit.SECONDS.toNanos(10);
            int got = 0;
            while (System.nanoTime() < wait) {
                got = (int) listeners.stream().filter(l -> l.after(changed) != null).count();
                if (got == connected) {
                    break;
                }
                Thread.sleep(50);
            }
            for (Listener l : listeners) {
                Long at = l.after(changed);
                if (at != null) {
                    delivery.recordValue(at - changed);
                }
            }
            received.add(got);
            Benchmarks.say("  change %d reached %d clients".formatted(c + 1, got));
        }
        LatencyRun.Result readsMeanwhile = reads.get();
        int lost = (int) listeners.stream().filter(l -> l.ended).count();
        listeners.forEach(Listener::cancel);
        responses.forEach(r -> r.cancel(true));
        return new Result(clients, connected, connectSeconds, received, lost, delivery, readsMeanwhile);
    }

    /**
     * One client: notes when each event (a blank line after a data line) arrived. It reads the bytes as they come
     * rather than decoding lines into text: every client reads each change of the national standings whole, and the
     * generator shares the machine's two cores with the service it measures (benchmarks/FINDINGS.md, "The leaderboard
     * page and 5,000 streams").
     */
    private static final class Listener implements Flow.Subscriber<List<ByteBuffer>> {

        final ConcurrentLinkedQueue<Long> events = new ConcurrentLinkedQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean ended;
        private boolean lineStart = true;
        private boolean emptyLine;
        private boolean data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        if (lineStart && emptyLine && data) {
                            events.add(System.nanoTime());
                            data = false;
                        }
                        lineStart = true;
                        emptyLine = true;
                    } else if (lineStart) {
                        // the lines of an event: event:, id:, retry:, data:; a heartbeat is a comment (":")
                        data |= b == 'd';
                        lineStart = false;
                        emptyLine = false;
                    }
                }
            }
        }

        /** When the first event after {@code nanos} arrived, or null. */
        Long after(long nanos) {
            for (Long at : events) {
                if (at > nanos) {
                    return at;
                }
            }
            return null;
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
