package vn.congdoan.sangkien.ranking.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.ConsumedPositionRepository;
import vn.congdoan.sangkien.ranking.repository.CounterRepository;
import vn.congdoan.sangkien.ranking.repository.InitiativeStateRepository;
import vn.congdoan.sangkien.ranking.repository.Revision;
import vn.congdoan.sangkien.ranking.service.InitiativeState.Applied;

/**
 * Applies initiative events to the running counts. The version applied to each initiative is recorded in the same
 * transaction as the counter changes, and an event not newer than it changes nothing: whatever the broker
 * redelivers, after a restart or a rebalance, or to a second instance, each change counts exactly once.
 * <p>
 * Counter changes of a batch are summed first ({@link CounterChanges}) and written in key order, so that instances
 * working on different partitions lock shared rows (a province's counters, a member's count) in the same order and
 * do not deadlock.
 */
@ApplicationScoped
public class StandingsUpdater {

    /**
     * The advisory lock live batches take shared and a repair exclusively, so that the live counters it replaces
     * stand still meanwhile, in every instance.
     */
    public static final long LIVE_COUNTERS_LOCK = 0x5354414e44494e47L;

    private final DataSource dataSource;
    private final InitiativeStateRepository states;
    private final CounterRepository counters;
    private final ConsumedPositionRepository positions;
    private final Revision revision;
    private final RankingConfig config;

    public StandingsUpdater(DataSource dataSource, InitiativeStateRepository states, CounterRepository counters,
            ConsumedPositionRepository positions, Revision revision, RankingConfig config) {
        this.dataSource = dataSource;
        this.states = states;
        this.counters = counters;
        this.positions = positions;
        this.revision = revision;
        this.config = config;
    }

    /**
     * Applies a batch in a handful of round trips: the held states of its initiatives are read and locked in one
     * query, changed states written in one batch, new ones inserted in another; an initiative that another instance
     * inserted meanwhile is applied again one event at a time, reading what that instance wrote.
     *
     * @return how many events changed something
     */
    @Transactional
    public int applyAll(CounterSet set, List<InitiativeEvent> events) {
        return applyAll(set, events, Map.of());
    }

    /**
     * Applies a batch polled from {@code initiative-events.v1} and records, with the counters, the offset after the
     * last of its records in each partition. Live batches wait while a repair replaces the live counters.
     *
     * @param positions per partition, the offset after the last record of the batch
     * @return how many events changed something
     */
    @Transactional
    public int applyAll(CounterSet set, List<InitiativeEvent> events, Map<Integer, Long> positions) {
        try (Connection c = dataSource.getConnection()) {
            if (set == CounterSet.LIVE) {
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_advisory_xact_lock_shared(" + LIVE_COUNTERS_LOCK + ")");
                }
            }
            this.positions.record(c, set, positions);
            Map<UUID, List<InitiativeEvent>> byInitiative = new TreeMap<>();
            for (InitiativeEvent event : events) {
                byInitiative.computeIfAbsent(event.initiativeId(), k -> new ArrayList<>()).add(event);
            }
            Map<UUID, InitiativeState> held = states.lock(c, set, byInitiative.keySet());
            CounterChanges changes = new CounterChanges(config.zone());
            Map<UUID, Applied> inserts = new LinkedHashMap<>();
            List<InitiativeState> updates = new ArrayList<>();
            int applied = 0;
            for (Map.Entry<UUID, List<InitiativeEvent>> entry : byInitiative.entrySet()) {
                InitiativeState before = held.get(entry.getKey());
                Applied outcome = InitiativeState.apply(before, entry.getValue());
                if (outcome.events() == 0) {
                    continue;
                }
                if (before == null) {
                    inserts.put(entry.getKey(), outcome);
                } else {
                    changes.change(before, outcome.state());
                    updates.add(outcome.state());
                    applied += outcome.events();
                }
            }
            states.write(c, set, updates, false);
            List<UUID> insertOrder = new ArrayList<>(inserts.keySet());
            int[] inserted = states.write(c, set, inserts.values().stream().map(Applied::state).toList(), true);
            for (int i = 0; i < inserted.length; i++) {
                UUID id = insertOrder.get(i);
                if (inserted[i] > 0) {
                    changes.change(null, inserts.get(id).state());
                    applied += inserts.get(id).events();
                } else {
                    for (InitiativeEvent event : byInitiative.get(id)) {
                        if (applyOne(c, set, event, changes)) {
                            applied++;
                        }
                    }
                }
            }
            counters.write(c, set, changes);
            if (applied > 0 && set == CounterSet.LIVE) {
                revision.bump(c);
            }
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply initiative events: " + e.getMessage(), e);
        }
    }

    /** Removes everything a set holds; a rebuild starts from nothing. */
    @Transactional
    public void clear(CounterSet set) {
        try (Connection c = dataSource.getConnection()) {
            counters.clear(c, set);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear " + set + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies one event unless its version is already applied, one round trip at a time. The initiative's row is
     * locked while it is read; a first event inserts it and, when another instance inserted it meanwhile (two owners
     * of a partition during a rebalance), reads it again under lock rather than counting twice.
     */
    private boolean applyOne(Connection c, CounterSet set, InitiativeEvent event, CounterChanges changes)
            throws SQLException {
        while (true) {
            InitiativeState held = states.lock(c, set, event.initiativeId()).orElse(null);
            if (held != null && event.version() <= held.version()) {
                return false;
            }
            InitiativeState after = InitiativeState.of(held, event);
            if (states.write(c, set, List.of(after), held == null)[0] > 0) {
                changes.change(held, after);
                return true;
            }
        }
    }
}
