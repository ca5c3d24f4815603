package vn.congdoan.sangkien.ranking.service;

import java.time.LocalDate;
import java.util.List;

/** Streaks of consecutive days at national rank 1, read from the daily snapshots. */
public final class RankOneRuns {

    /** A rank on a snapshot day. */
    public record DayRank(LocalDate day, int rank) {
    }

    /** Consecutive days at rank 1, {@code from} and {@code to} inclusive. */
    public record Run(LocalDate from, LocalDate to, int days) {
    }

    /** The longest run, and the run that the latest snapshot extends; either null when there is none. */
    public record Runs(Run longest, Run current) {
    }

    private RankOneRuns() {
    }

    /**
     * @param series     the province's ranks, ordered by day
     * @param latestDay  the latest snapshot day of the programme: a run is current only if it reaches that day
     *                   (a day without a snapshot breaks a run)
     */
    public static Runs of(List<DayRank> series, LocalDate latestDay) {
        Run longest = null;
        Run running = null;
        for (DayRank point : series) {
            if (point.rank() != 1) {
                running = null;
                continue;
            }
            if (running != null && running.to().plusDays(1).equals(point.day())) {
                running = new Run(running.from(), point.day(), running.days() + 1);
            } else {
                running = new Run(point.day(), point.day(), 1);
            }
            if (longest == null || running.days() > longest.days()) {
                longest = running;
            }
        }
        Run current = running != null && running.to().equals(latestDay) ? running : null;
        return new Runs(longest, current);
    }
}
