package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congdoan.sangkien.localstack.PostgresServer;

class PgBaselineTest {

    @TempDir
    Path dir;

    @Test
    void jdbcLoopCountsEveryCommittedTransactionOfOneInitiativeAndOneOutboxRow() throws Exception {
        int port = freePort();
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port, false)) {
            PgBaseline baseline = new PgBaseline("127.0.0.1", port);

            PgBaseline.Result result = baseline.run(null, 2, Duration.ofSeconds(1));

            assertThat(result.tool()).startsWith("JDBC loop");
            assertThat(result.transactions()).isPositive();
            assertThat(result.latency().getTotalCount()).isEqualTo(result.transactions());
            assertThat(baseline.rows()).containsExactly(result.transactions(), result.transactions());
        }
    }

    @Test
    void pgbenchRunsTheSameTransactionsAndItsLogGivesTheLatencies() throws Exception {
        assumeTrue(pgbenchWorks(), "pgbench is not on PATH");
        int port = freePort();
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port, false)) {
            PgBaseline baseline = new PgBaseline("127.0.0.1", port);

            PgBaseline.Result result = baseline.run("pgbench", 2, Duration.ofSeconds(1));

            assertThat(result.tool()).startsWith("pgbench ");
            assertThat(result.transactions()).isPositive();
            assertThat(result.latency().getTotalCount()).isEqualTo(result.transactions());
            assertThat(baseline.rows()).containsExactly(result.transactions(), result.transactions());
        }
    }

    private static boolean pgbenchWorks() {
        try {
            return new ProcessBuilder("pgbench", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
