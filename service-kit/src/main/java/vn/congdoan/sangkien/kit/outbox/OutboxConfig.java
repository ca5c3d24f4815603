package vn.congdoan.sangkien.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The transactional outbox and its relay. Each key is read from the environment variable of its name in capitals
 * ({@code outbox.retention} from {@code OUTBOX_RETENTION}).
 */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Whether this instance relays the outbox to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** Most records sent in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Least time from the start of one relay batch to the start of the next: events written meanwhile gather and go
     * in one transaction and one produce request. A batch after a quiet spell starts at once; under load this bounds
     * the relay's transactions (each of them a commit of the database, and a produce request to the broker) to one
     * per interval instead of one per writing transaction. Off by default: it saved CPU but made POSTs slower under
     * load (benchmarks/FINDINGS.md, "Committing POSTs together").
     */
    @WithDefault("0s")
    Duration gather();

    /** How long the relay sleeps when the outbox is empty and nobody wakes it. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Attempts at an event the broker refuses for what it is (a topic no service knows, a record too large) before it
     * is parked as blocked, so that the events after it go on.
     */
    @WithDefault("5")
    int maxAttempts();

    /** Pause after a failed attempt (broker or database unavailable). */
    @WithDefault("2s")
    Duration retryBackoff();

    /** How long published records stay in the outbox table before they are deleted. */
    @WithDefault("24h")
    Duration retention();

    /** How often published records older than the retention are deleted. */
    @WithDefault("5m")
    Duration cleanupInterval();

    /**
     * How long the oldest waiting event may wait before {@code /q/health/well} reports the outbox DOWN (the broker
     * unreachable, or the relay stuck).
     */
    @WithDefault("1m")
    Duration alertAfter();

    /** CloudEvents {@code source} of the events this service publishes. */
    @WithDefault("urn:sangkien:${quarkus.application.name}")
    String source();
}
