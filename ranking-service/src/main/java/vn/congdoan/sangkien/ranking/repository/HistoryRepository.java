package vn.congdoan.sangkien.ranking.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.ranking.service.RankOneRuns.DayRank;

/** One province's standings day after day, as its snapshots kept them. */
@ApplicationScoped
public class HistoryRepository {

    /** A snapshot day of one province. */
    public record SnapshotPoint(LocalDate day, int rank, long submissions, long submitters, long recognized,
            Long target, long weekSubmissions, long daySubmissions) {
    }

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One province's snapshots between two days (inclusive), oldest first. */
    public List<SnapshotPoint> history(String programme, UUID province, LocalDate from, LocalDate to) {
        return Reads.run(dataSource, c -> {
            List<SnapshotPoint> points = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select day, rank, submissions, submitters, recognized,"
                    + " target, week_submissions, day_submissions from snapshot where programme_code = ?"
                    + " and province_id = ? and day between ? and ? order by day")) {
                s.setString(1, programme);
                s.setObject(2, province);
                s.setObject(3, from);
                s.setObject(4, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        points.add(new SnapshotPoint(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), (Long) rs.getObject(6), rs.getLong(7), rs.getLong(8)));
                    }
                }
            }
            return points;
        });
    }

    /** One province's national rank in every snapshot of the programme, oldest first. */
    public List<DayRank> ranks(String programme, UUID province) {
        return Reads.run(dataSource, c -> {
            List<DayRank> ranks = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select day, rank from snapshot where programme_code = ?"
                    + " and province_id = ? order by day")) {
                s.setString(1, programme);
                s.setObject(2, province);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ranks.add(new DayRank(rs.getObject(1, LocalDate.class), rs.getInt(2)));
                    }
                }
            }
            return ranks;
        });
    }
}
