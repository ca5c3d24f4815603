package vn.congdoan.sangkien.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * What the system tests did and found, over every test class of the run: printed at the end and written to
 * {@code target/summary.md}. The tests themselves fail when anything was lost or counted twice; this is the record.
 */
public final class SystemSummary implements TestExecutionListener {

    static final AtomicLong REQUESTS = new AtomicLong();
    static final AtomicLong ACKNOWLEDGED_CREATES = new AtomicLong();
    static final AtomicLong LOST = new AtomicLong();
    static final AtomicLong DOUBLE_COUNTED = new AtomicLong();
    static final AtomicLong GROUND_TRUTH_CHECKS = new AtomicLong();
    static final AtomicLong BAD_INPUT_ROWS = new AtomicLong();
    static final List<String> FAULTS = new CopyOnWriteArrayList<>();

    static void fault(String what) {
        FAULTS.add(what);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (REQUESTS.get() == 0) {
            return;
        }
        String summary = render();
        System.out.println(summary);
        try {
            Path file = Path.of(System.getProperty("basedir", "."), "target", "summary.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary);
        } catch (IOException e) {
            System.err.println("Could not write the summary: " + e);
        }
    }

    static String render() {
        StringBuilder out = new StringBuilder("# System tests: summary\n\n| | |\n|---|---|\n");
        out.append("| requests sent | ").append(REQUESTS.get()).append(" |\n");
        out.append("| initiatives created and acknowledged | ").append(ACKNOWLEDGED_CREATES.get()).append(" |\n");
        out.append("| faults injected | ").append(FAULTS.size()).append(" |\n");
        out.append("| ground-truth checks | ").append(GROUND_TRUTH_CHECKS.get()).append(" |\n");
        out.append("| malformed requests sent | ").append(BAD_INPUT_ROWS.get()).append(" |\n");
        Boolean duplicates = Workload.DUPLICATE_ENDPOINT.get();
        out.append("| marking duplicates (`POST /api/v1/initiatives/{id}/duplicate`) | ").append(duplicates == null
                ? "not tried" : duplicates ? "exercised" : "endpoint absent (404/405): action skipped").append(" |\n");
        out.append("| **submissions lost** | **").append(LOST.get()).append("** |\n");
        out.append("| **submissions double-counted** | **").append(DOUBLE_COUNTED.get()).append("** |\n");
        if (!FAULTS.isEmpty()) {
            out.append("\nFaults, in order:\n\n");
            FAULTS.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }
}
