package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.ranking.WithRankingResources;

/**
 * Two instances counting different provinces share the rows of members who submit in both. Here two threads, one
 * province each, swap which of two members is their province's submitter, batch after batch, in opposite phase: one
 * raises member a and lowers member b while the other raises b and lowers a.
 */
@QuarkusTest
@WithRankingResources
class SharedMemberCountsTest {

    private static final int ROUNDS = 150;
    private static final String DEADLOCK = "40P01";

    @Inject
    StandingsUpdater updater;

    @Inject
    DataSource dataSource;

    @Test
    void instancesChangingTheSameMembersInOppositeOrderNeverDeadlock() throws Exception {
        String programme = "p-" + UUID.randomUUID();
        List<String> members = List.of("m-a-" + UUID.randomUUID(), "m-b-" + UUID.randomUUID());
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicInteger deadlocks = new AtomicInteger();
        asTwoInstances(() -> swap(programme, UUID.randomUUID(), members, 0, together, deadlocks),
                () -> swap(programme, UUID.randomUUID(), members, 1, together, deadlocks));

        // Each province ends with one submitter; the member rows agree with the provinces' counts.
        assertAgreeing(programme, members, deadlocks);
    }

    @Test
    void membersNewToTheProgrammeDoNotDeadlockWithMembersAlreadyCounted() throws Exception {
        String programme = "p-" + UUID.randomUUID();
        // Keys sort the new members (n-…) before the one already counted (x-…).
        String counted = "x-" + UUID.randomUUID();
        String round = "n-" + UUID.randomUUID() + "-";
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicInteger deadlocks = new AtomicInteger();
        asTwoInstances(() -> toggle(programme, UUID.randomUUID(), counted, round, true, together, deadlocks),
                () -> toggle(programme, UUID.randomUUID(), counted, round, false, together, deadlocks));

        List<String> members = new ArrayList<>(List.of(counted));
        for (int r = 0; r < ROUNDS; r++) {
            members.add(round + String.format("%04d", r));
        }
        assertAgreeing(programme, members, deadlocks);
    }

    /** Runs the two at once, as two instances of the service would. */
    private static void asTwoInstances(Runnable first, Runnable second) throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(first, instances),
                    CompletableFuture.runAsync(second, instances)).get(3, TimeUnit.MINUTES);
        } finally {
            instances.shutdownNow();
        }
    }

    /** No batch was refused as deadlocked, and each member's row agrees with the provinces' counts. */
    private void assertAgreeing(String programme, List<String> members, AtomicInteger deadlocks) throws SQLException {
        assertThat(deadlocks).as("batches refused as deadlocked").hasValue(0);
        for (String member : members) {
            assertThat(reach(programme, member)).as(member).isEqualTo(submitterIn(programme, member));
        }
    }

    /**
     * Each round, an initiative by a member new to the programme (the same in both provinces), and the counted member
     * in or out of the province: in one province while out of the other, so that one batch lowers that member while
     * the other raises it along with the new one.
     */
    private void toggle(String programme, UUID province, String counted, String round, boolean startsIn,
            CyclicBarrier together, AtomicInteger deadlocks) {
        InitiativeEvent standing = null;
        if (startsIn) {
            standing = submitted(programme, province, counted);
            apply(List.of(standing), deadlocks);
        }
        for (int r = 0; r < ROUNDS; r++) {
            List<InitiativeEvent> batch = new ArrayList<>();
            batch.add(submitted(programme, province, round + String.format("%04d", r)));
            if (standing == null) {
                standing = submitted(programme, province, counted);
                batch.add(standing);
            } else {
                batch.add(withdrawn(standing));
                standing = null;
            }
            await(together);
            apply(batch, deadlocks);
        }
    }

    private static void await(CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InitiativeEvent withdrawn(InitiativeEvent standing) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.WITHDRAWN, Instant.now(),
                standing.initiativeId(), standing.version() + 1, standing.programmeCode(), standing.unitId(),
                standing.provinceId(), InitiativeStatus.WITHDRAWN, standing.authorIds(), standing.submittedAt());
    }

    /**
     * Starting with {@code members[phase]} as the province's submitter, each round submits an initiative of the other
     * member and withdraws the one standing: the new author's count rises, the old one's falls.
     */
    private void swap(String programme, UUID province, List<String> members, int phase, CyclicBarrier together,
            AtomicInteger deadlocks) {
        InitiativeEvent standing = submitted(programme, province, members.get(phase));
        apply(List.of(standing), deadlocks);
        for (int round = 0; round < ROUNDS; round++) {
            InitiativeEvent next = submitted(programme, province, members.get((phase + round + 1) % 2));
            await(together);
            apply(List.of(next, withdrawn(standing)), deadlocks);
            standing = next;
        }
    }

    /** Applies a batch as the consumer does: a batch that fails is applied again. */
    private void apply(List<InitiativeEvent> batch, AtomicInteger deadlocks) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                updater.applyAll(CounterSet.LIVE, batch);
                return;
            } catch (RuntimeException e) {
                if (!isDeadlock(e)) {
                    throw e;
                }
                deadlocks.incrementAndGet();
            }
        }
        throw new IllegalStateException("batch not applied after 5 attempts");
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static InitiativeEvent submitted(String programme, UUID province, String member) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, Instant.now(), UUID.randomUUID(),
                1, programme, province, province, InitiativeStatus.SUBMITTED, List.of(member), Instant.now());
    }

    private int reach(String programme, String member) throws SQLException {
        return count("select provinces from member_reach where programme_code = ? and member_id = ?", programme,
                member);
    }

    private int submitterIn(String programme, String member) throws SQLException {
        return count("select count(*) from submitter where programme_code = ? and member_id = ? and initiatives > 0",
                programme, member);
    }

    private int count(String sql, String programme, String member) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, programme);
            s.setString(2, member);
            List<Integer> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getInt(1));
                }
            }
            return found.isEmpty() ? 0 : found.get(0);
        }
    }
}
