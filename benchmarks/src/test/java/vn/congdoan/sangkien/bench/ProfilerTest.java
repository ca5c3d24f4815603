package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

    /** A JVM whose CPU goes to one thread, as a service's goes to its pools. */
    public static final class Busy {

        public static void main(String[] args) throws Exception {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (true) {
                    x += Long.numberOfTrailingZeros(System.nanoTime() | 1) + Math.round(Math.sqrt(x));
                }
            }, "busy-worker-7");
            spinner.setDaemon(true);
            spinner.start();
            System.out.println("ready");
            Thread.sleep(60_000);
        }
    }

    @Test
    void profilesARunningJvmAndShowsWhereItsCpuWentByThreadPool(@TempDir Path dir) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Busy.class.getName()).redirectErrorStream(true).start();
        try {
            assertThat(new String(jvm.getInputStream().readNBytes(5))).isEqualTo("ready");
            Profiler profiler = Profiler.of(Map.of("busy-service", jvm.pid()), dir);
            assumeThat(profiler).as("async-profiler has a library for this machine").isNotNull();

            profiler.start();
            Thread.sleep(1500);
            String section = profiler.stop("test");

            assertThat(section).contains("| busy-service |").contains("busy-worker-N");
            assertThat(dir.resolve("busy-service-test.html")).isNotEmptyFile();
            assertThat(Files.readString(dir.resolve("busy-service-test.collapsed"))).contains("[busy-worker-7");
        } finally {
            jvm.destroyForcibly().waitFor();
        }
    }

    @Test
    void threadNumbersFoldIntoTheirPool() {
        assertThat(Profiler.pool("[executor-thread-12 tid=345]")).isEqualTo("executor-thread-N");
        assertThat(Profiler.pool("[consumer-initiative-events.v1 tid=9]")).isEqualTo("consumer-initiative-events.v1");
        assertThat(Profiler.pool("[C2 CompilerThre tid=20]")).isEqualTo("C2 CompilerThre");
    }
}
