package vn.congdoan.sangkien.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DrainingTest {

    @Test
    void theRefusingPhaseEndsBeforeAClientToldToRetryComesBack() {
        Duration retryAfter = Duration.ofSeconds(Draining.RETRY_AFTER_SECONDS);
        for (Duration delay : new Duration[] { Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(60) }) {
            Duration refusal = Draining.refusal(delay);
            assertThat(refusal).as("refusing for %s of %s", refusal, delay).isPositive()
                    .isLessThanOrEqualTo(delay.dividedBy(2)).isLessThan(retryAfter);
        }
    }

    @Test
    void withoutADelayNothingIsRefused() {
        assertThat(Draining.refusal(Duration.ZERO)).isZero();
    }
}
