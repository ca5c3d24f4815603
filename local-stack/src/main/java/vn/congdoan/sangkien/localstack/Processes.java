package vn.congdoan.sangkien.localstack;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** Stopping child processes the way a service expects to be stopped. */
public final class Processes {

    private Processes() {
    }

    /**
     * SIGTERM to all at once, so that they drain together; then SIGKILL to any still running after {@code grace}.
     */
    public static void stop(Collection<Process> processes, Duration grace) {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
