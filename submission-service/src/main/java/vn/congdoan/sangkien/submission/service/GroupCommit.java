package vn.congdoan.sangkien.submission.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.submission.repository.InitiativeInserts;

/**
 * Commits the new initiatives of concurrent requests together. A request hands its row to a writer thread and waits
 * for its commit; a writer takes every row waiting when it is free (at most {@code group-commit.max-rows}),
 * writes them with one statement in one transaction, and answers each request once that transaction has committed.
 * Alone, a row commits alone; under load, the rows that arrive while the writer is busy share its next commit: one
 * transaction, one round trip and one WAL flush for many instead of one each (pgbench on this project's 2-core
 * machine: eight two-row inserts a transaction went twice as fast as one).
 *
 * <p>Every wait is bounded: a request whose row is not committed within {@code group-commit.timeout} gets a 503
 * with Retry-After instead of waiting (its statement is cancelled by the database after that long, so a stalled
 * database fails the batch rather than holding it), and when {@code group-commit.queue-capacity} rows already wait,
 * a request is refused at once. A row still waiting for a writer when its request gives up is taken out: it is never
 * written, and the client may send it again.
 *
 * <p>Each row is as atomic as on its own: a batch that fails for a reason other than the database being unavailable
 * (one row's unique {@code externalRef} taken meanwhile, a value the database refuses) is rolled back and its rows are
 * written again one at a time, so only the row at fault fails. When the database is unavailable every request of the
 * batch gets the failure (a 503), as each would have on its own.
 */
@ApplicationScoped
public class GroupCommit {

    @ConfigMapping(prefix = "group-commit")
    public interface Config {

        /**
         * Writer threads, each with at most one transaction in flight. One makes the largest batches, and the
         * shortest POST tail on the 2-core machine (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
         */
        @WithDefault("1")
        int writers();

        /** Most rows committed in one transaction; 1 commits every row alone. */
        @WithDefault("64")
        int maxRows();

        /** How long a request waits for its row to be committed before its 503 with Retry-After. */
        @WithDefault("5S")
        Duration timeout();

        /** Rows that may wait for a writer; a request finding as many waiting is refused at once with a 503. */
        @WithDefault("2048")
        int queueCapacity();
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending(InitiativeInserts.Row row, CompletableFuture<Void> committed) {
    }

    /** How long to wait for the database's answer to a batch already sent, past the statements' own timeout. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final InitiativeInserts inserts;
    private final Config config;
    private final BlockingQueue<Pending> queue;
    private final int timeoutSeconds;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommit(InitiativeInserts inserts, Config config) {
        this.inserts = inserts;
        this.config = config;
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
        this.timeoutSeconds = (int) Math.max(1, config.timeout().toSeconds());
    }

    @PostConstruct
    void start() {
        if (config.writers() < 1 || config.maxRows() < 1) {
            throw new IllegalStateException("group-commit.writers and max-rows must be at least 1");
        }
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::write, "initiative-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Lets the writers finish what is queued, then stop; later rows are written by their own requests. */
    @PreDestroy
    void stop() throws InterruptedException {
        closed = true;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Inserts a new initiative and its first event and returns once they are committed.
     *
     * @throws PersistenceException as {@link InitiativeInserts#insertAll} would have, had the row been written alone
     * @throws ProblemException 503 when the row is not committed within the timeout, or too many rows wait
     */
    public void insert(InitiativeInserts.Row row) {
        if (closed) {
            inserts.insertAll(List.of(row), timeoutSeconds);
            return;
        }
        Pending pending = new Pending(row, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw ProblemException.unavailable(Text.of("The service is writing as many initiatives as it can; send "
                    + "this one again in a moment", "Dịch vụ đang ghi nhiều sáng kiến nhất có thể; hãy gửi lại sáng kiến"
                    + " này sau giây lát"), 1);
        }
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            try {
                pending.committed().get(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException waiting) {
                // Writers that stopped meanwhile leave the row to its request; only one of the two takes it out.
                if (closed && queue.remove(pending)) {
                    inserts.insertAll(List.of(row), timeoutSeconds);
                    return;
                }
                if (System.nanoTime() - deadline >= 0) {
                    giveUp(pending);
                    return;
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new PersistenceException("Initiative " + row.initiative().id + " not stored", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PersistenceException("Interrupted while initiative " + row.initiative().id
                        + " was being stored; it may have been", e);
            }
        }
    }

    /**
     * The request's time is up. A row no writer has taken is taken out and never written; one already sent gets its
     * database's answer for a moment longer (its statement is cancelled at the timeout), and past that the request
     * is told that the outcome is unknown.
     */
    private void giveUp(Pending pending) {
        if (queue.remove(pending)) {
            throw ProblemException.unavailable(Text.of("The database did not take the initiative in time; it was "
                    + "not stored. Send it again in a moment", "Cơ sở dữ liệu không nhận sáng kiến kịp thời; sáng kiến"
                    + " chưa được lưu. Hãy gửi lại sau giây lát"), timeoutSeconds);
        }
        try {
            pending.committed().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
            throw ProblemException.unavailable(Text.of("The database did not confirm the initiative in time; it "
                    + "may have been stored: look in your initiatives before sending it again, or send it with an "
                    + "Idempotency-Key", "Cơ sở dữ liệu không xác nhận sáng kiến kịp thời; có thể sáng kiến đã được"
                    + " lưu: hãy xem danh sách sáng kiến của bạn trước khi gửi lại, hoặc gửi kèm Idempotency-Key"),
                    timeoutSeconds);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new PersistenceException("Initiative " + pending.row().initiative().id + " not stored",
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("Interrupted while initiative " + pending.row().initiative().id
                    + " was being stored; it may have been", e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(config.maxRows());
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxRows() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable unexpected) {
                LOG.error("Initiative writer failed; its requests get the error", unexpected);
                batch.forEach(p -> p.committed().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<InitiativeInserts.Row> rows = batch.stream().map(Pending::row).toList();
        try {
            QuarkusTransaction.requiringNew().timeout(timeoutSeconds + 1).run(() -> inserts.insertAll(rows,
                    timeoutSeconds));
        } catch (RuntimeException failed) {
            if (ProblemMappers.isDatabaseUnavailable(failed)) {
                batch.forEach(p -> p.committed().completeExceptionally(failed));
                return;
            }
            LOG.debugf("A batch of %d new initiatives failed, writing each alone: %s", batch.size(),
                    failed.getMessage());
            batch.forEach(this::alone);
            return;
        }
        batch.forEach(p -> p.committed().complete(null));
    }

    /** One row in a statement of its own, which commits on its own. */
    private void alone(Pending pending) {
        try {
            inserts.insertAll(List.of(pending.row()), timeoutSeconds);
            pending.committed().complete(null);
        } catch (RuntimeException e) {
            pending.committed().completeExceptionally(e);
        }
    }
}
