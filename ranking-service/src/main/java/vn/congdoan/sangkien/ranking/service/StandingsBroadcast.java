package vn.congdoan.sangkien.ranking.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.StandingsService.Query;
import vn.congdoan.sangkien.ranking.service.StandingsService.View;

/**
 * The standings pushed to every open stream from one place: once a second the standings of each query some stream
 * follows are read once (from the cache while nothing changed) and sent to the streams whose client does not have them
 * yet, and quiet streams get a heartbeat. A stream costs its connection and a few objects, not a timer and a
 * computation of its own. Streams are capped per client address and in total, so that clients opening thousands of
 * them cannot take the memory the standings are served from.
 */
@ApplicationScoped
public class StandingsBroadcast {

    /** What a stream sends: the standings, or a sign of life. */
    public sealed interface Push {
    }

    public record Standings(View view) implements Push {
    }

    public record Heartbeat() implements Push {
    }

    private static final Logger LOG = Logger.getLogger(StandingsBroadcast.class);
    private static final Heartbeat HEARTBEAT = new Heartbeat();

    private record Subscriber(MultiEmitter<? super Push> emitter, AtomicReference<String> lastSent) {
    }

    private final StandingsService standings;
    private final RankingConfig.Streams config;
    private final Map<Query, Set<Subscriber>> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile long lastHeartbeat = System.nanoTime();

    public StandingsBroadcast(StandingsService standings, RankingConfig config) {
        this.standings = standings;
        this.config = config.streams();
    }

    /**
     * A stream of the standings of {@code query}: now (unless the client's last event already was these standings),
     * then whenever they change, and heartbeats while they do not.
     *
     * @param lastEventId the {@code Last-Event-ID} a reconnecting client sends: the entity tag it last got
     * @throws ProblemException 429 when the address holds as many streams as it may, 503 when the service does
     */
    public Multi<Push> subscribe(Query query, String lastEventId, String address) {
        admit(address);
        View current;
        try {
            current = standings.standings(query);
        } catch (RuntimeException e) {
            release(address);
            throw e;
        }
        return Multi.createFrom().<Push>emitter(emitter -> {
            Subscriber subscriber = new Subscriber(emitter, new AtomicReference<>(lastEventId));
            Set<Subscriber> channel = channels.computeIfAbsent(query, q -> ConcurrentHashMap.newKeySet());
            channel.add(subscriber);
            emitter.onTermination(() -> {
                channel.remove(subscriber);
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
        for (Map.Entry<Query, Set<Subscriber>> channel : channels.entrySet()) {
            Set<Subscriber> subscribers = channel.getValue();
            if (subscribers.isEmpty()) {
                channels.remove(channel.getKey(), subscribers);
                continue;
            }
            View view;
            try {
                view = standings.standings(channel.getKey());
            } catch (RuntimeException e) {
                // the database may be away: the streams keep what they have and get the next change
                LOG.debugf("Standings of %s not read for their streams: %s", channel.getKey(), e.getMessage());
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
        subscriber.emitter().emit(new Standings(view));
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
