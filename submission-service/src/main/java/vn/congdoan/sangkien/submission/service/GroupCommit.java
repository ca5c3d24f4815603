package vn.congdoan.sangkien.submission.service;

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
import vn.congdoan.sangkien.kit.problem.ProblemMappers;
import vn.congdoan.sangkien.submission.repository.InitiativeInserts;

/**
 * Commits the new initiatives of concurrent requests together. A request hands its row to a writer thread and waits
 * for its commit; a writer takes every row waiting when it is free (at most {@code group-commit.max-rows}),
 * sends them as one JDBC batch in one transaction, and answers each request once that transaction has committed.
 * Alone, a row commits alone; under load, the rows that arrive while the writer is busy share its next commit: one
 * transaction, one round trip and one WAL flush for many instead of one each (pgbench on this project's 2-core
 * machine: eight two-row inserts a transaction went twice as fast as one).
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
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending(InitiativeInserts.Row row, CompletableFuture<Void> committed) {
    }

    private final InitiativeInserts inserts;
    private final Config config;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommit(InitiativeInserts inserts, Config config) {
        this.inserts = inserts;
        this.config = config;
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
     */
    public void insert(InitiativeInserts.Row row) {
        if (closed) {
            inserts.insertAll(List.of(row));
            return;
        }
        Pending pending = new Pending(row, new CompletableFuture<>());
        queue.add(pending);
        while (true) {
            try {
                pending.committed().get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException waiting) {
                // Writers that stopped meanwhile leave the row to its request; only one of the two takes it out.
                if (closed && queue.remove(pending)) {
                    inserts.insertAll(List.of(row));
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
            QuarkusTransaction.requiringNew().run(() -> inserts.insertAll(rows));
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
            inserts.insertAll(List.of(pending.row()));
            pending.committed().complete(null);
        } catch (RuntimeException e) {
            pending.committed().completeExceptionally(e);
        }
    }
}
