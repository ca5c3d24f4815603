package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;

/**
 * Keeps the standings of every running programme at the end of each day (Asia/Ho_Chi_Minh). Soon after midnight
 * it snapshots the day that has just ended; it checks every {@code ranking.snapshot-check-interval}, so a restart or
 * a second instance takes no snapshot twice (the first one written is kept) and a service that was down at midnight
 * catches up when it starts.
 */
@ApplicationScoped
public class DailySnapshots {

    private static final Logger LOG = Logger.getLogger(DailySnapshots.class);

    private final StandingsService standings;
    private final ReferenceDataRepository reference;

    public DailySnapshots(StandingsService standings, ReferenceDataRepository reference) {
        this.standings = standings;
        this.reference = reference;
    }

    @Scheduled(identity = "daily-snapshots", every = "${ranking.snapshot-check-interval}",
            delayed = "${ranking.snapshot-check-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    void snapshotYesterday() {
        try {
            LocalDate yesterday = standings.today().minusDays(1);
            for (String programme : reference.programmesRunningOn(yesterday)) {
                standings.takeSnapshot(programme, yesterday, false).ifPresent(
                        taken -> LOG.infof("Kept the standings of %s at the end of %s", programme, yesterday));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not take the daily snapshots, retrying at the next check: %s", e.getMessage());
        }
    }
}
