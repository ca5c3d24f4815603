package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.ranking.service.Merges;
import vn.congdoan.sangkien.ranking.service.ProvinceFigures;

/** The standings kept at the end of each day: a row per province in force then, with its rank. */
@ApplicationScoped
public class SnapshotRepository {

    private static final String SNAPSHOT = "with params as (select cast(? as text) as programme, cast(? as date) as day), "
            + ProvinceRows.MEMBERSHIP + """
            select p.id, p.code, p.name, s.member_count, s.submissions, s.submitters, s.recognized,
                   s.week_submissions, s.day_submissions, r.codes, c.codes, s.target,
                   p.valid_from, p.valid_to, p.successor_id
            from params, snapshot s
            join province p on p.id = s.province_id
            left join membership r on r.unit_id = p.id and r.kind = 'REGION'
            left join membership c on c.unit_id = p.id and c.kind = 'EMULATION_CLUSTER'
            where s.programme_code = params.programme and s.day = params.day
            """;

    private final DataSource dataSource;

    public SnapshotRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The standings kept at the end of {@code day}; empty when no snapshot was taken that day. */
    public Optional<List<ProvinceFigures>> snapshot(String programme, LocalDate day) {
        return Reads.run(dataSource, c -> {
            if (!taken(c, programme, day)) {
                return Optional.empty();
            }
            List<ProvinceFigures> figures = new ArrayList<>();
            List<Merges.Succession> successions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SNAPSHOT)) {
                s.setString(1, programme);
                s.setObject(2, day);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        figures.add(ProvinceRows.figures(rs, (Long) rs.getObject(12)));
                        successions.add(ProvinceRows.succession(rs, 13));
                    }
                }
            }
            // a snapshot holds the provinces in force when it was taken; one merged on or before its day, recorded
            // later, stands in its successor's row when the snapshot has one, else apart as it was taken (a
            // snapshot keeps no members: submitters are added up)
            Set<UUID> kept = successions.stream().map(Merges.Succession::provinceId).collect(Collectors.toSet());
            List<Merges.Succession> asTaken = successions.stream().map(p -> kept.contains(p.successorId()) ? p
                    : new Merges.Succession(p.provinceId(), null, null, null)).toList();
            return Optional.of(Merges.fold(figures, Merges.homes(asTaken, day), Map.of()));
        });
    }

    /**
     * Keeps {@code figures} as the standings at the end of {@code day}, in the caller's transaction.
     *
     * @param replace whether an existing snapshot of that day is replaced (otherwise it is kept)
     * @return whether a snapshot was written
     */
    public boolean save(Connection c, String programme, LocalDate day, List<ProvinceFigures> figures,
            Map<UUID, Integer> ranks, boolean replace) throws SQLException {
        if (replace) {
            Jdbc.update(c, "delete from snapshot_day where programme_code = ? and day = ?", programme, day);
        }
        if (Jdbc.update(c, "insert into snapshot_day (programme_code, day, taken_at) values (?, ?, now())"
                + " on conflict do nothing", programme, day) == 0) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("insert into snapshot (programme_code, day, province_id,"
                + " submissions, submitters, recognized, target, member_count, week_submissions, day_submissions, rank)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ProvinceFigures f : figures) {
                Jdbc.bind(s, programme, day, f.provinceId(), f.submissions(), f.submitters(), f.recognized(),
                        f.target(), f.memberCount(), f.thisWeek(), f.today(), ranks.get(f.provinceId()));
                s.addBatch();
            }
            s.executeBatch();
        }
        return true;
    }

    /** The last day of {@code programme} with a snapshot. */
    public Optional<LocalDate> latestDay(String programme) {
        return Reads.run(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select max(day) from snapshot_day where programme_code = ?")) {
                s.setString(1, programme);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(rs.getObject(1, LocalDate.class));
                }
            }
        });
    }

    private static boolean taken(Connection c, String programme, LocalDate day) throws SQLException {
        return Jdbc.first(c, "select 1 from snapshot_day where programme_code = ? and day = ?", rs -> true,
                programme, day).isPresent();
    }
}
