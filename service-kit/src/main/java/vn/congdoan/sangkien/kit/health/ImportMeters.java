package vn.congdoan.sangkien.kit.health;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** The rows of bulk imports at {@code /q/metrics}, by what became of them: {@code sangkien_import_rows_total}. */
@ApplicationScoped
public class ImportMeters {

    private final MeterRegistry registry;

    public ImportMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the rows of one import, once it has committed. */
    public void count(int created, int updated, int unchanged, int rejected) {
        add("created", created);
        add("updated", updated);
        add("unchanged", unchanged);
        add("rejected", rejected);
    }

    private void add(String outcome, int rows) {
        registry.counter("sangkien.import.rows", "outcome", outcome).increment(rows);
    }
}
