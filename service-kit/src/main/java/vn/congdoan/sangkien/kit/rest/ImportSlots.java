package vn.congdoan.sangkien.kit.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Bounds how many bulk imports a service reads and writes at once. An import holds its rows in memory (up to the
 * 20 MB body limit, about twice that as Java strings), so a dozen provinces importing at the same moment would
 * exhaust the heap. An import takes a slot before it reads its body: the others wait for one, their bodies unread in
 * the network buffers, for at most {@code import.wait}, and are then answered 503 with Retry-After.
 */
@ApplicationScoped
public class ImportSlots {

    private static final Logger LOG = Logger.getLogger(ImportSlots.class);

    private final Semaphore slots;
    private final Duration wait;

    /** How many bulk imports a service reads and writes at once. */
    @ConfigMapping(prefix = "import")
    public interface Config {

        /** Imports read and written at once (each holds its rows in memory). */
        @WithDefault("2")
        int concurrency();

        /** How long a further import waits for a slot before its 503 with Retry-After. */
        @WithName("wait")
        @WithDefault("30S")
        Duration waitFor();
    }

    public ImportSlots(Config config) {
        if (config.concurrency() < 1) {
            throw new IllegalArgumentException("import.concurrency must be at least 1, was " + config.concurrency());
        }
        this.slots = new Semaphore(config.concurrency(), true);
        this.wait = config.waitFor();
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
            throw ProblemException.unavailable(Text.of("Other imports are in progress; send this one again in "
                    + seconds + " s", "Đang có các lượt nhập khác; hãy gửi lại lượt này sau " + seconds + " giây"),
                    (int) seconds);
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }
}
