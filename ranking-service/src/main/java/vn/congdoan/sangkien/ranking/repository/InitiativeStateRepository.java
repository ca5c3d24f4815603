package vn.congdoan.sangkien.ranking.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.CounterSet;
import vn.congdoan.sangkien.ranking.service.InitiativeState;

/**
 * The state of each initiative a counter set has counted, with the version applied, in the caller's transaction.
 * Rows are locked while they are read, so that two instances applying events of one initiative (two owners of a
 * partition during a rebalance) take turns.
 */
@ApplicationScoped
public class InitiativeStateRepository {

    private final ZoneId zone;

    public InitiativeStateRepository(RankingConfig config) {
        this.zone = config.zone();
    }

    private static final String COLUMNS = "initiative_id, programme_code, province_id, status, author_ids, submitted_at,"
            + " version, recognized_at, ended_at, unit_id, field";

    /** Reads and locks the states of {@code ids}, in initiative order so that instances lock alike. */
    public Map<UUID, InitiativeState> lock(Connection c, CounterSet set, Collection<UUID> ids) throws SQLException {
        Map<UUID, InitiativeState> held = new HashMap<>();
        if (ids.isEmpty()) {
            return held;
        }
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from "
                + set.table("initiative_state") + " where initiative_id = any(?) order by initiative_id for update")) {
            select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    InitiativeState state = state(rs);
                    held.put(state.initiativeId(), state);
                }
            }
        }
        return held;
    }

    /** Reads and locks one initiative's state. */
    public Optional<InitiativeState> lock(Connection c, CounterSet set, UUID id) throws SQLException {
        return Optional.ofNullable(lock(c, set, List.of(id)).get(id));
    }

    /**
     * Writes states in one batch: updates of held ones, or inserts of new ones.
     *
     * @return per state, 1 when written, 0 when an insert met a row another instance inserted meanwhile
     */
    public int[] write(Connection c, CounterSet set, List<InitiativeState> states, boolean insert)
            throws SQLException {
        if (states.isEmpty()) {
            return new int[0];
        }
        String sql = insert
                ? "insert into " + set.table("initiative_state") + " (programme_code, province_id, status,"
                        + " author_ids, submitted_at, version, recognized_at, ended_at, unit_id, field, counted_from,"
                        + " recognized_from, counted_until, initiative_id)"
                        + " values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (initiative_id) do nothing"
                : "update " + set.table("initiative_state") + " set programme_code = ?, province_id = ?,"
                        + " status = ?, author_ids = ?::text[], submitted_at = ?, version = ?, recognized_at = ?,"
                        + " ended_at = ?, unit_id = ?, field = ?, counted_from = ?, recognized_from = ?,"
                        + " counted_until = ?, changed_xid = pg_current_xact_id() where initiative_id = ?";
        try (PreparedStatement write = c.prepareStatement(sql)) {
            for (InitiativeState state : states) {
                write.setString(1, state.programmeCode());
                write.setObject(2, state.provinceId());
                write.setString(3, state.status().name());
                write.setObject(4, state.authorIds().toArray(String[]::new));
                write.setTimestamp(5, timestamp(state.submittedAt()));
                write.setLong(6, state.version());
                write.setTimestamp(7, timestamp(state.recognizedAt()));
                write.setTimestamp(8, timestamp(state.endedAt()));
                write.setObject(9, state.unitId());
                write.setString(10, state.field());
                InitiativeState.CountedDays days = state.days(zone);
                write.setObject(11, days.submitted());
                write.setObject(12, days.recognized());
                write.setObject(13, days.ended());
                write.setObject(14, state.initiativeId());
                write.addBatch();
            }
            int[] counts = write.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = counts[i] == Statement.SUCCESS_NO_INFO ? 1 : counts[i];
            }
            return counts;
        }
    }

    private static InitiativeState state(ResultSet rs) throws SQLException {
        return new InitiativeState(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                InitiativeStatus.valueOf(rs.getString(4)), Arrays.asList((String[]) rs.getArray(5).getArray()),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getLong(7),
                rs.getObject(10, UUID.class), rs.getString(11));
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
