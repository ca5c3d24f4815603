package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void readsTheResidentMemoryOfALiveProcessAndNothingForAnEndedOne() throws Exception {
        assertThat(Memory.rssKb(ProcessHandle.current().pid())).isGreaterThan(10_000);

        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(Memory.rssKb(ended.pid())).isEqualTo(-1);
    }
}
