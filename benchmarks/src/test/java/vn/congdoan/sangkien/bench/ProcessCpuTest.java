package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each process of the machine is counted in its part, and its CPU time read from its stat line. */
class ProcessCpuTest {

    @Test
    void processesAreCountedInTheirParts() {
        assertThat(ProcessCpu.part("java -Xmx144m -jar /w/submission-service/target/quarkus-app/quarkus-run.jar",
                false)).isEqualTo("submission-service");
        assertThat(ProcessCpu.part("java -jar /w/ranking-service/target/quarkus-app/quarkus-run.jar", false))
                .isEqualTo("ranking-service");
        assertThat(ProcessCpu.part("postgres: postgres submission 127.0.0.1(41234) idle", false))
                .isEqualTo("PostgreSQL: submission");
        assertThat(ProcessCpu.part("postgres: postgres ranking 127.0.0.1(41240) INSERT", false))
                .isEqualTo("PostgreSQL: ranking");
        assertThat(ProcessCpu.part("postgres: checkpointer", false))
                .isEqualTo("PostgreSQL: the server's own processes");
        assertThat(ProcessCpu.part("/root/.cache/pg/bin/postgres -D /w/stack-data/postgres -p 15432", false))
                .isEqualTo("PostgreSQL: the server's own processes");
        assertThat(ProcessCpu.part("java -XX:+UseZGC -jar local-stack/target/local-stack-1.0.0-SNAPSHOT.jar", false))
                .isEqualTo("the launcher's JVM (the broker)");
        assertThat(ProcessCpu.part("java -jar benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar all", true))
                .isEqualTo("load generator");
    }

    @Test
    void cpuTimeIsUserPlusSystemTimeEvenWithSpacesInTheName() {
        String stat = "4242 (java worker) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 10 0 0";
        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
        assertThat(ProcessCpu.cores(Map.of("a", 100L), Map.of("a", 300L, "b", 50L), 2.0))
                .containsEntry("a", 1.0).containsEntry("b", 0.25);
    }
}
