package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class JitActivityTest {

    @Test
    void readsUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 101 0 0 0 1234 56 0 0 20 0 30 0 777 0 0";
        assertThat(JitActivity.cpuTicks(stat)).isEqualTo(1290);
        assertThat(JitActivity.cpuTicks("7 (a) b) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0")).isEqualTo(7);
    }

    @Test
    void countsTheCompilerThreadsOfAJvmThatIsCompiling() {
        JitActivity jit = JitActivity.of(List.of(ProcessHandle.current().pid()));
        assumeTrue(jit.available(), "needs /proc");
        double before = jit.compilerSeconds();
        long deadline = System.nanoTime() + 20_000_000_000L;
        long sum = 0;
        // code new to this JVM, run until its compilers have used a clock tick (10 ms) of CPU
        int round = 0;
        do {
            sum += variedWork(round++);
        } while (jit.compilerSeconds() == before && System.nanoTime() < deadline);
        assertThat(sum).isNotZero();
        assertThat(jit.compilerSeconds()).isGreaterThan(before);
        assertThat(JitActivity.of(List.of(Long.MAX_VALUE)).compilerSeconds()).isZero();
    }

    private static long variedWork(int round) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            words.add(String.format("%05d-%s", (i * 7919 + round) % 10_007, Integer.toHexString(i * round + 1)));
        }
        words.sort(java.util.Comparator.reverseOrder());
        java.math.BigInteger product = java.math.BigInteger.ONE;
        for (String w : words.subList(0, 50)) {
            product = product.multiply(java.math.BigInteger.valueOf(w.hashCode() | 1)).mod(java.math.BigInteger
                    .valueOf(1_000_000_007L));
        }
        return words.stream().filter(w -> w.matches("\\d+-[0-9a-f]+")).count() + product.longValue();
    }

    @Test
    void aWarmUpRunsItsMinimumInStepsWhileTheCompilersAreQuietAndInOneRunWithoutProc() throws Exception {
        List<java.time.Duration> runs = new java.util.ArrayList<>();
        java.time.Duration min = java.time.Duration.ofMillis(30);
        java.time.Duration step = java.time.Duration.ofMillis(10);

        // a process that no longer exists: its compilers use nothing, so the warm-up stops at its minimum
        JitActivity quiet = JitActivity.of(List.of(Long.MAX_VALUE));
        assumeTrue(quiet.available(), "needs /proc");
        JitActivity.Warmup warmup = quiet.warmUp(runs::add, min, java.time.Duration.ofSeconds(1), step);
        assertThat(runs).containsExactly(step, step, step);
        assertThat(warmup).isEqualTo(new JitActivity.Warmup(min, 0.0));

        runs.clear();
        warmup = JitActivity.of(List.of()).warmUp(runs::add, min, java.time.Duration.ofSeconds(1), step);
        assertThat(runs).containsExactly(min);
        assertThat(warmup.compilerShare()).isNegative();
    }
}
