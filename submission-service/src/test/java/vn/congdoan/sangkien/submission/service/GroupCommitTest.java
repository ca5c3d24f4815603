package vn.congdoan.sangkien.submission.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.repository.InitiativeInserts;

/** Every wait of a POST on the group commit is bounded: by the queue's capacity and by the timeout. */
class GroupCommitTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch writing = new CountDownLatch(1);
    private GroupCommit groupCommit;

    /** A database that takes the first row it is given and then stalls until released. */
    private final InitiativeInserts stalled = new InitiativeInserts(null, null) {
        @Override
        public void insertAll(List<Row> rows, int timeoutSeconds) {
            writing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        groupCommit.stop();
    }

    @Test
    void aRowNoWriterTookIsGivenUpAtTheTimeoutAndNeverWritten() throws Exception {
        groupCommit = start(Duration.ofSeconds(1), 10);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> groupCommit.insert(row()));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        Instant asked = Instant.now();
        assertThatThrownBy(() -> groupCommit.insert(row())).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfterSeconds()).isNotNull();
            assertThat(e.getMessage()).contains("it was not stored");
        });
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));

        // the row the stalled database holds gets its answer a moment later: unknown
        assertThatThrownBy(first::join).hasCauseInstanceOf(ProblemException.class)
                .hasMessageContaining("may have been stored");
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        groupCommit = start(Duration.ofSeconds(20), 1);
        CompletableFuture.runAsync(() -> groupCommit.insert(row()));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        // one of these two takes the only place in the queue and waits; the other is refused at once
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> groupCommit.insert(row()));
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> groupCommit.insert(row()));
        CompletableFuture.anyOf(second, third).exceptionally(e -> null).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> refused = second.isDone() ? second : third;
        assertThatThrownBy(refused::join).hasCauseInstanceOf(ProblemException.class)
                .hasMessageContaining("as many initiatives as it can");
        assertThat(second.isDone() && third.isDone()).as("the other one waits for its place").isFalse();
    }

    private GroupCommit start(Duration timeout, int capacity) {
        GroupCommit commit = new GroupCommit(stalled, new GroupCommit.Config() {
            @Override
            public int writers() {
                return 1;
            }

            @Override
            public int maxRows() {
                return 64;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public int queueCapacity() {
                return capacity;
            }
        });
        commit.start();
        return commit;
    }

    private static InitiativeInserts.Row row() {
        Initiative initiative = new Initiative();
        initiative.id = UUID.randomUUID();
        return new InitiativeInserts.Row(initiative, null);
    }
}
