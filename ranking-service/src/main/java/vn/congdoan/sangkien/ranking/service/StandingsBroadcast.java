package vn.congdoan.sangkien.ranking.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.ranking.config.RankingConfig;

/**
 * The standings and the programme summaries pushed to every open stream from one place: once a second what each
 * channel (a query of the standings, a programme's summary) shows is read once (from the {@link Views} while nothing
 * changed) and sent to the streams whose client does not have it yet, and quiet streams get a heartbeat. A stream costs its connection and a few objects, not a timer and a
 * computation of its own. Streams are capped per client address and in total, so that clients opening thousands of
 * them cannot take the memory the standings are served from.
 */
@ApplicationScoped
public class StandingsBroadcast {

    /** What a stream sends: what it follows, or a sign of life. */
    public sealed interface Push {
    }

    public record Update(View view) implements Push {
    }

    public record Heartbeat() implements Push {
    }

    private static final Logger LOG = Logger.getLogger(StandingsBroadcast.class);
    private static final Heartbeat HEARTBEAT = new Heartbeat();

    private record Subscriber(MultiEmitter<? super Push> emitter, AtomicReference<String> lastSent) {
    }

    /** The streams that follow one thing, and how to read it. */
    private record Channel(Supplier<View> read, Set<Subscriber> subscribers) {
    }

    private final RankingConfig.Streams config;
    private final Map<Object, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile long lastHeartbeat = System.nanoTime();

    public StandingsBroadcast(RankingConfig config) {
        this.config = config.streams();
    }

    /**
     * A stream of what {@code read} shows: now (unless the client's last event already was that), then whenever it
     * changes, and heartbeats while it does not.
     *
     * @param key         what the stream follows, a value (a record): streams with equal keys share one read
     * @param read        what the stream shows now; throws to refuse the stream (an unknown programme, say)
     * @param lastEventId the {@code Last-Event-ID} a reconnecting client sends: the entity tag it last got
     * @throws ProblemException 429 when the address holds as many streams as it may, 503 when the service does
     */
    public Multi<Push> subscribe(Object key, Supplier<View> read, String lastEventId, String address) {
        admit(address);
        View current;
        try {
            current = read.get();
        } catch (RuntimeException e) {
            release(address);
            throw e;
        }
        return Multi.createFrom().<Push>emitter(emitter -> {
            Subscriber subscriber = new Subscriber(emitter, new AtomicReference<>(lastEventId));
            // joined atomically with push() dropping an empty channel, so that no stream joins a dropped one
            Channel channel = channels.compute(key, (k, existing) -> {
                Channel joined = existing == null ? new Channel(read, ConcurrentHashMap.newKeySet()) : existing;
                joined.subscribers().add(subscriber);
                return joined;
            });
            emitter.onTermination(() -> {
                channel.subscribers().remove(subscriber);
                release(address);
            });
            send(subscriber, current);
        }, BackPressureStrategy.LATEST);
    }

    /** Streams open now, for health and metrics. */
    public int open() {
        return total.get();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void push() {
        boolean beat = System.nanoTime() - lastHeartbeat >= config.heartbeat().toNanos();
        if (beat) {
            lastHeartbeat = System.nanoTime();
        }
        for (Map.Entry<Object, Channel> channel : channels.entrySet()) {
            Set<Subscriber> subscribers = channel.getValue().subscribers();
            if (subscribers.isEmpty()) {
                channels.computeIfPresent(channel.getKey(), (k, c) -> c.subscribers().isEmpty() ? null : c);
                continue;
            }
            View view;
            try {
                view = channel.getValue().read().get();
            } catch (RuntimeException e) {
                // the database may be away: the streams keep what they have and get the next change
                LOG.debugf("%s not read for its streams: %s", channel.getKey(), e.getMessage());
                view = null;
            }
            for (Subscriber subscriber : subscribers) {
                boolean sent = view != null && send(subscriber, view);
                if (beat && !sent && subscriber.emitter().requested() > 0) {
                    subscriber.emitter().emit(HEARTBEAT);
                }
            }
        }
    }

    /** @return whether the view was new to the subscriber */
    private static boolean send(Subscriber subscriber, View view) {
        if (view.etag().equals(subscriber.lastSent().getAndSet(view.etag()))) {
            return false;
        }
        subscriber.emitter().emit(new Update(view));
        return true;
    }

    private void admit(String address) {
        if (total.incrementAndGet() > config.total()) {
            total.decrementAndGet();
            throw ProblemException.unavailable("The service holds as many streams as it may; poll the standings "
                    + "or come back later", retryAfterSeconds());
        }
        boolean[] full = new boolean[1];
        perAddress.compute(address, (a, count) -> {
            int held = count == null ? 0 : count;
            full[0] = held >= config.perAddress();
            return full[0] ? count : held + 1;
        });
        if (full[0]) {
            total.decrementAndGet();
            throw ProblemException.tooManyRequests("Your address holds " + config.perAddress() + " streams of the "
                    + "standings already; close one, or poll", retryAfterSeconds());
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
