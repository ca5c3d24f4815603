package vn.congdoan.sangkien.kit.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * {@code /q/health/well} at {@code /q/metrics}: {@code sangkien_health_well_up{check}} is 1 while a wellness check
 * is UP and 0 while it is DOWN, so that the alert rules (deploy/monitoring) see what monitoring of
 * {@code /q/health/well} sees, check by check, and keep its history. The checks run on a worker thread every 15
 * seconds, never in a scrape: the broker's may wait two seconds for an answer.
 */
@ApplicationScoped
public class WellnessMeters {

    private final SmallRyeHealthReporter health;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

    public WellnessMeters(SmallRyeHealthReporter health, MeterRegistry registry) {
        this.health = health;
        this.registry = registry;
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        for (JsonValue value : health.getWellness().getPayload().getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            up.computeIfAbsent(check.getString("name"), name -> registry.gauge("sangkien.health.well.up",
                    Tags.of("check", name), new AtomicInteger(), AtomicInteger::get))
                    .set("UP".equals(check.getString("status")) ? 1 : 0);
        }
    }
}
