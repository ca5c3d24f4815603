package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.Topics;

/**
 * Kafka as it runs in production: a cluster of three brokers (each also a voter of the controller quorum), every topic
 * with three copies of which two must hold a record before it is acknowledged. The broker leading the quorum is
 * killed (SIGKILL) under load: the submissions keep being accepted at the first attempt, their events keep reaching
 * the standings from the two brokers left, with nothing lost and nothing counted twice, and the broker comes back.
 */
class KafkaClusterIT {

    private static final List<String> PROVINCES = List.of("01", "79", "42", "40", "38", "48");

    private static SystemUnderTest system;
    private static List<Population.Unit> units;
    private static final Ledger LEDGER = new Ledger();

    @BeforeAll
    static void start() throws Exception {
        system = SystemUnderTest.start(Dirs.fresh("kafka-cluster"), 1, 3, Map.of());
        units = Population.create(system, "CLUSTER", PROVINCES);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theBrokerLeadingTheQuorumKilledUnderLoadLosesNothing() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            TopicDescription events = admin.describeTopics(Set.of(Topics.INITIATIVE_EVENTS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.INITIATIVE_EVENTS);
            assertThat(events.partitions()).as("%s", events).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.isr()).hasSize(3);
            });

            Workload load = Workload.start(system, units, LEDGER, 6, Duration.ofSeconds(14), true);
            load.awaitAcknowledged(20);
            int leader = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
            system.killBroker(leader);
            SystemSummary.fault("Kafka cluster of three brokers (3 copies, 2 in sync): broker " + leader
                    + ", leading the controller quorum, killed (SIGKILL) under load; standings exact from the other"
                    + " two, then it came back");
            load.finish();

            assertThat(load.problems()).as("every submission accepted at the first attempt").isEmpty();
            GroundTruth.check(system, LEDGER, "a broker of three was killed (two left)");

            system.startKafka();
            Workload after = Workload.start(system, units, LEDGER, 4, Duration.ofSeconds(5), true).finish();
            assertThat(after.problems()).isEmpty();
            GroundTruth.check(system, LEDGER, "the killed broker came back");
            TopicDescription again = admin.describeTopics(Set.of(Topics.INITIATIVE_EVENTS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.INITIATIVE_EVENTS);
            assertThat(again.partitions().stream().map(TopicPartitionInfo::replicas)).allSatisfy(replicas ->
                    assertThat(replicas).hasSize(3));
        }
    }
}
