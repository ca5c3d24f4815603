package vn.congdoan.sangkien.kit.health;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The outbox at {@code /q/metrics}, as {@code /q/health/well} reports it: {@code sangkien_outbox_waiting_records},
 * {@code sangkien_outbox_oldest_waiting_seconds} (0 when none waits) and {@code sangkien_outbox_blocked_records}
 * (NaN while the database cannot be read). A scrape reads all three gauges; they share one query a second.
 */
@ApplicationScoped
public class OutboxMeters {

    private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final OutboxBacklog.Backlog UNREADABLE = new OutboxBacklog.Backlog(-1, null, -1);

    private final OutboxBacklog outbox;
    private OutboxBacklog.Backlog last;
    private long readAt;

    public OutboxMeters(OutboxBacklog outbox) {
        this.outbox = outbox;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        gauge(registry, "sangkien.outbox.waiting", "records", "Events waiting in the outbox for the broker",
                b -> b == UNREADABLE ? Double.NaN : b.waiting());
        gauge(registry, "sangkien.outbox.oldest.waiting", "seconds", "How long the oldest waiting event has waited",
                b -> b == UNREADABLE ? Double.NaN : b.oldestWaited() == null ? 0 : b.oldestWaited().toMillis() / 1000.0);
        gauge(registry, "sangkien.outbox.blocked", "records", "Events parked as blocked, the broker having refused them",
                b -> b == UNREADABLE ? Double.NaN : b.blocked());
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
            ToDoubleFunction<OutboxBacklog.Backlog> value) {
        Gauge.builder(name, this, meters -> value.applyAsDouble(meters.backlog())).baseUnit(unit)
                .description(description).register(registry);
    }

    private synchronized OutboxBacklog.Backlog backlog() {
        long now = System.nanoTime();
        if (last == null || now - readAt > REUSE_NANOS) {
            try {
                last = outbox.read();
            } catch (SQLException e) {
                last = UNREADABLE;
            }
            readAt = now;
        }
        return last;
    }
}
