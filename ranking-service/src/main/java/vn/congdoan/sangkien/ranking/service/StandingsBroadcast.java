package vn.congdoan.sangkien.ranking.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.config.RankingConfig;

/**
 * The standings and the programme summaries pushed to every open stream from one place: what each channel (a query
 * of the standings, a programme's summary) shows is read once per look (from the {@link Views} while nothing
 * changed), written out once as a Server-Sent Event, and those same bytes are sent to every stream of the channel
 * whose client does not have them yet, at most once a second; quiet streams get a heartbeat. A stream costs its connection and a few
 * objects, not a timer, a computation or a copy of the standings of its own: 5,000 streams fit the service's 64 MB
 * heap. A client that reads too slowly is skipped, and gets the latest figures once it has caught up. Streams are
 * capped per client address and in total, so that clients opening thousands of them cannot take the memory the
 * standings are served from.
 */
@ApplicationScoped
public class StandingsBroadcast {

    /** Where a stream's bytes go: its connection. */
    public interface Sink {

        /** Whether the connection takes more now; one whose client has not read what it was sent is skipped. */
        boolean ready();

        void send(Buffer bytes);
    }

    private static final Logger LOG = Logger.getLogger(StandingsBroadcast.class);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Buffer HEARTBEAT = direct(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));

    private record Subscriber(Sink sink, AtomicReference<String> lastSent) {
    }

    /** A view as an event: its entity tag and the bytes every stream of the channel is sent. */
    private record Event(String etag, Buffer bytes) {
    }

    /**
     * The streams that follow one thing, how to read it, and the last event written for them; when the latest change
     * was pushed, and whether a stream was skipped for reading slowly and still lacks it.
     */
    private static final class Channel {

        final String name;
        final Supplier<View> read;
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final AtomicReference<Event> last = new AtomicReference<>();
        volatile String pushed;
        volatile long pushedAt = System.nanoTime() - MIN_INTERVAL_NANOS;
        volatile boolean lagging;

        Channel(String name, Supplier<View> read) {
            this.name = name;
            this.read = read;
        }
    }

    /**
     * The least time between two pushes of a channel: under a stream of submissions clients get the standings once
     * a second, not once per change.
     */
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    /** How often the channels are looked at. */
    private static final long LOOK_MILLIS = 250;

    private final RankingConfig.Streams config;
    private final Map<Object, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile long lastHeartbeat = System.nanoTime();
    private ScheduledExecutorService looks;

    /** Streams refused per address, beside the writes refused, for operators to tell a flood apart. */
    private final Counter refusals;

    public StandingsBroadcast(RankingConfig config, MeterRegistry registry) {
        this.config = config.streams();
        this.refusals = Counter.builder("sangkien.rate.limit.refusals")
                .description("Streams refused with 429 because their address holds as many as it may")
                .tag("kind", "streams").register(registry);
    }

    /**
     * Starts a stream of what {@code read} shows: now (unless the client's last event already was that), then
     * whenever it changes, and heartbeats while it does not. Call it from a worker thread: the first read may go to
     * the database.
     *
     * @param key         what the stream follows, a value (a record): streams with equal keys share one read
     * @param name        the name of the stream's events
     * @param read        what the stream shows now; throws to refuse the stream (an unknown programme, say)
     * @param lastEventId the {@code Last-Event-ID} a reconnecting client sends: the entity tag it last got
     * @return what ends the stream, to run when its connection closes
     * @throws ProblemException 429 when the address holds as many streams as it may, 503 when the service does
     */
    public Runnable subscribe(Object key, String name, Supplier<View> read, String lastEventId, String address,
            Sink sink) {
        admit(address);
        View current;
        try {
            current = read.get();
        } catch (RuntimeException e) {
            release(address);
            throw e;
        }
        Subscriber subscriber = new Subscriber(sink, new AtomicReference<>(lastEventId));
        // joined atomically with push() dropping an empty channel, so that no stream joins a dropped one
        Channel channel = channels.compute(key, (k, existing) -> {
            Channel joined = existing == null ? new Channel(name, read) : existing;
            joined.subscribers.add(subscriber);
            return joined;
        });
        send(subscriber, event(channel, current));
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                channel.subscribers.remove(subscriber);
                release(address);
            }
        };
    }

    /** Streams open now, for health and metrics. */
    public int open() {
        return total.get();
    }

    /**
     * Looks at every channel four times a second, so that a change after a quiet moment goes out within a quarter of
     * a second, and one during a stream of changes a second after the one before. Its own thread rather than
     * {@code @Scheduled}: Quarkus's scheduler checks its triggers once a second, so a shorter period is not kept.
     */
    void start(@Observes StartupEvent started) {
        looks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "standings-broadcast");
            thread.setDaemon(true);
            return thread;
        });
        looks.scheduleWithFixedDelay(this::look, LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (looks != null) {
            looks.shutdownNow();
        }
    }

    private void look() {
        try {
            push();
        } catch (RuntimeException e) {
            // a look that fails must not end the looks that follow
            LOG.warnf(e, "The streams were not looked at");
        }
    }

    void push() {
        long now = System.nanoTime();
        boolean beat = now - lastHeartbeat >= config.heartbeat().toNanos();
        if (beat) {
            lastHeartbeat = now;
        }
        for (Map.Entry<Object, Channel> entry : channels.entrySet()) {
            Channel channel = entry.getValue();
            if (channel.subscribers.isEmpty()) {
                channels.computeIfPresent(entry.getKey(), (k, c) -> c.subscribers.isEmpty() ? null : c);
                continue;
            }
            Event event = null;
            if (now - channel.pushedAt >= MIN_INTERVAL_NANOS) {
                try {
                    event = event(channel, channel.read.get());
                } catch (RuntimeException e) {
                    // the database may be away: the streams keep what they have and get the next change
                    LOG.debugf("%s not read for its streams: %s", entry.getKey(), e.getMessage());
                }
            }
            boolean changed = event != null && !event.etag().equals(channel.pushed);
            // streams skipped for reading slowly are tried again at each look
            boolean retry = event != null && channel.lagging;
            if (!changed && !retry && !beat) {
                continue;
            }
            boolean lagging = false;
            for (Subscriber subscriber : channel.subscribers) {
                boolean sent = (changed || retry) && send(subscriber, event);
                lagging |= event != null && !event.etag().equals(subscriber.lastSent().get());
                if (beat && !sent && subscriber.sink().ready()) {
                    subscriber.sink().send(HEARTBEAT);
                }
            }
            if (event != null) {
                channel.lagging = lagging;
            }
            if (changed) {
                channel.pushed = event.etag();
                channel.pushedAt = now;
            }
        }
    }

    /** The event of a view, written out once per channel and change. */
    private Event event(Channel channel, View view) {
        Event last = channel.last.get();
        if (last != null && last.etag().equals(view.etag())) {
            return last;
        }
        byte[] head = ("event: " + channel.name + "\nid: " + view.etag() + "\nretry: "
                + config.reconnectDelay().toMillis() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        Event event = new Event(view.etag(), direct(head, view.body(), END_OF_EVENT));
        channel.last.set(event);
        return event;
    }

    /**
     * Bytes outside the heap, written to every connection as they are. Netty copies a heap buffer into a direct one
     * for each connection it is written to, so an event of the national standings (about 30 KB) going to thousands
     * of streams was copied as many times, and the copies kept while slow clients read them. The memory is the
     * JDK's, freed when the last event that uses it is collected.
     */
    private static Buffer direct(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(length);
        for (byte[] part : parts) {
            bytes.put(part);
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes.flip()));
    }

    /** @return whether the event was new to the subscriber and sent */
    private static boolean send(Subscriber subscriber, Event event) {
        String had = subscriber.lastSent().get();
        if (event.etag().equals(had) || !subscriber.sink().ready()
                || !subscriber.lastSent().compareAndSet(had, event.etag())) {
            return false;
        }
        subscriber.sink().send(event.bytes());
        return true;
    }

    private void admit(String address) {
        if (total.incrementAndGet() > config.total()) {
            total.decrementAndGet();
            throw ProblemException.unavailable(Text.of("The service holds as many streams as it may; poll the "
                    + "standings or come back later", "Dịch vụ đã giữ tối đa số luồng; hãy đọc bảng xếp hạng định kỳ "
                    + "hoặc quay lại sau"), retryAfterSeconds());
        }
        boolean[] full = new boolean[1];
        perAddress.compute(address, (a, count) -> {
            int held = count == null ? 0 : count;
            full[0] = held >= config.perAddress();
            return full[0] ? count : held + 1;
        });
        if (full[0]) {
            total.decrementAndGet();
            refusals.increment();
            throw ProblemException.tooManyRequests(Text.of("Your address holds " + config.perAddress() + " streams "
                    + "of the standings already; close one, or poll", "Địa chỉ của bạn đã mở " + config.perAddress()
                    + " luồng bảng xếp hạng; hãy đóng bớt một luồng hoặc đọc định kỳ"), retryAfterSeconds());
        }
    }

    private void release(String address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private int retryAfterSeconds() {
        return (int) Math.max(1, config.reconnectDelay().toSeconds());
    }
}
