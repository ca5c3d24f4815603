package vn.congdoan.sangkien.submission.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one clock, in microseconds, PostgreSQL's precision: times in events equal the stored ones. Days are
 * counted from it in Vietnam's time zone wherever a rule needs one, never in the machine's.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
