package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HostStealTest {

    @Test
    void stealIsTheHostsShareOfTheCpuTimeBetweenTwoReadings() {
        HostSteal before = HostSteal.parse("cpu  1000 0 200 700 50 0 10 40 0 0");
        HostSteal after = HostSteal.parse("cpu  1600 0 300 900 50 0 20 130 0 0");

        // 1,000 ticks passed (guest and guest_nice are already in user and nice), 90 of them stolen.
        assertThat(after.percentSince(before)).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void noTimePassedMeansNoSteal() {
        HostSteal reading = HostSteal.parse("cpu  1000 0 200 700 50 0 10 40 0 0");

        assertThat(reading.percentSince(reading)).isZero();
    }
}
