package vn.congdoan.sangkien.kit.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * Bounds how many bulk imports a service reads and writes at once. An import holds its rows in memory (up to the
 * 20 MB body limit, about twice that as Java strings), so a dozen provinces importing at the same moment would
 * exhaust the heap. An import takes a slot before it reads its body: the others wait for one, their bodies unread in
 * the network buffers, for at most {@code sangkien.import.wait}, and are then answered 503 with Retry-After.
 */
@ApplicationScoped
public class ImportSlots {

    private static final Logger LOG = Logger.getLogger(ImportSlots.class);

    private final Semaphore slots;
    private final Duration wait;

    public ImportSlots(@ConfigProperty(name = "sangkien.import.concurrency", defaultValue = "2") int concurrency,
            @ConfigProperty(name = "sangkien.import.wait", defaultValue = "30S") Duration wait) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("sangkien.import.concurrency must be at least 1, was " + concurrency);
        }
        this.slots = new Semaphore(concurrency, true);
        this.wait = wait;
    }

    /** An import: reads its body and writes its rows. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} in a slot, waiting for one if all are taken. */
    public <T> T run(Work<T> work) throws IOException {
        boolean taken;
        try {
            taken = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            long seconds = Math.max(1, wait.toSeconds());
            LOG.infof("An import waited %d s for one of the slots taken by other imports; answered 503", seconds);
            throw ProblemException.unavailable("Other imports are in progress; send this one again in " + seconds
                    + " s", (int) seconds);
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }
}
