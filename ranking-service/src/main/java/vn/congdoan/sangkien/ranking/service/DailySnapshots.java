package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.ReferenceDataRepository;

/**
 * Keeps the standings of every running programme at the end of each day (Asia/Ho_Chi_Minh). Soon after midnight
 * it snapshots the day that has just ended; it checks every minute, so a restart or a second instance takes no
 * snapshot twice (the first one written is kept) and a service that was down at midnight catches up when it starts.
 */
@ApplicationScoped
public class DailySnapshots {

    private static final Logger LOG = Logger.getLogger(DailySnapshots.class);

    private final StandingsService standings;
    private final ReferenceDataRepository reference;
    private final RankingConfig config;
    private ScheduledExecutorService executor;

    public DailySnapshots(StandingsService standings, ReferenceDataRepository reference, RankingConfig config) {
        this.standings = standings;
        this.reference = reference;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "daily-snapshots");
            t.setDaemon(true);
            return t;
        });
        long period = config.snapshotCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::snapshotYesterday, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

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
