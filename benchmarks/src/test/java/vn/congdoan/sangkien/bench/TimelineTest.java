package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void eachSecondKeepsItsCountsAndItsSlowestAnswer() {
        Timeline timeline = new Timeline();

        timeline.record(true, 3_000_000);
        timeline.record(false, 40_500_000);
        timeline.record(true, 7_000_000);

        assertThat(timeline.succeeded()).containsExactly(2.0);
        assertThat(timeline.failed()).containsExactly(1.0);
        assertThat(timeline.slowestMillis()).containsExactly(40.5);
    }
}
