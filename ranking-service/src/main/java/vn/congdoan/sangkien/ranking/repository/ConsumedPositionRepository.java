package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.ranking.service.CounterSet;

/**
 * Where a set of counters stands in each partition of {@code initiative-events.v1}: the offset after the last record
 * applied, recorded in the transaction that applied it, so that a rebuild compares counters at the same offsets and
 * a rebuild taken up again goes on from where its counters stand.
 */
@ApplicationScoped
public class ConsumedPositionRepository {

    /** Records the offsets after a batch, per partition; a position never moves back. */
    public void record(Connection c, CounterSet set, Map<Integer, Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into " + set.table("consumed_position") + " as p"
                + " (topic, partition, next_offset) select ?, * from unnest(?::int[], ?::bigint[])"
                + " on conflict (topic, partition) do update"
                + " set next_offset = greatest(p.next_offset, excluded.next_offset)")) {
            Map<Integer, Long> sorted = new TreeMap<>(positions);
            upsert.setString(1, Topics.INITIATIVE_EVENTS);
            upsert.setObject(2, sorted.keySet().stream().mapToInt(Integer::intValue).toArray());
            upsert.setObject(3, sorted.values().stream().mapToLong(Long::longValue).toArray());
            upsert.executeUpdate();
        }
    }

    /** The positions recorded, by partition. */
    public Map<Integer, Long> read(Connection c, CounterSet set) throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select partition, next_offset from " + set.table("consumed_position") + " where topic = ?")) {
            s.setString(1, Topics.INITIATIVE_EVENTS);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return positions;
    }
}
