package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.Topics;

/**
 * Creates our topics on first use as {@link Topics#spec} describes them, with the partitions, copies and retention of
 * {@link TopicSettings}, so that a fresh cluster needs no setup.
 * Called lazily from the producing and consuming loops: a broker that is down at start-up does not stop a service.
 */
@ApplicationScoped
public class TopicAdmin {

    private static final Logger LOG = Logger.getLogger(TopicAdmin.class);

    private final Map<String, Object> kafkaConfig;
    private final TopicSettings settings;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private Admin admin;

    public TopicAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TopicSettings settings) {
        this.kafkaConfig = kafkaConfig;
        this.settings = settings;
    }

    public void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        NewTopic newTopic = newTopic(Topics.spec(topic), settings);
        try {
            try {
                admin().createTopics(List.of(newTopic)).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + topic + " with " + newTopic.numPartitions()
                            + " partitions of " + newTopic.replicationFactor() + " copies: "
                            + e.getCause().getMessage(), e);
                }
                keep(newTopic);
            }
            awaitLeaders(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        known.add(topic);
    }

    /** A topic as {@link Topics#spec} describes it, with the partitions, copies and retention of the settings. */
    static NewTopic newTopic(Topics.Spec spec, TopicSettings settings) {
        if (settings.minInsyncReplicas() < 1 || settings.minInsyncReplicas() > settings.replicationFactor()) {
            throw new IllegalArgumentException("sangkien.topics.min-insync-replicas must be 1 to the replication "
                    + "factor (" + settings.replicationFactor() + "), was " + settings.minInsyncReplicas()
                    + ": no write could be acknowledged");
        }
        String retentionMs = settings.retentionOf(spec).map(r -> Long.toString(r.toMillis())).orElse("-1");
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        switch (spec.cleanup()) {
            case COMPACT -> configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            case KEEP_FOREVER -> {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
                configs.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs);
                configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
            }
        }
        return new NewTopic(spec.name(), settings.partitionsOf(spec), settings.replicationFactor()).configs(configs);
    }

    /**
     * A topic that exists already, made by hand or by an older version, gets our settings too: a broker's default
     * retention (seven days) would otherwise delete events that a rebuild reads from the first offset. Where the
     * broker refuses (no permission to alter configs), the service goes on and says what to set. Partitions and
     * copies are not changed here: adding partitions moves keys to other partitions, and more copies need a
     * reassignment by the cluster's operator; a topic that has fewer than configured is logged.
     */
    private void keep(NewTopic wanted) throws ExecutionException, InterruptedException, TimeoutException {
        String topic = wanted.name();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> ops = wanted.configs().entrySet().stream()
                .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            admin().incrementalAlterConfigs(Map.of(resource, ops)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.warnf("Topic %s exists and its settings could not be made %s: %s", topic, wanted.configs(),
                    e.getCause().getMessage());
        }
        TopicDescription existing = admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic);
        int copies = existing.partitions().get(0).replicas().size();
        if (existing.partitions().size() < wanted.numPartitions() || copies < wanted.replicationFactor()) {
            LOG.warnf("Topic %s has %d partitions of %d copies, configured %d of %d: the cluster's operator adds "
                    + "them", topic, existing.partitions().size(), copies, wanted.numPartitions(),
                    wanted.replicationFactor());
        }
    }

    /** A send to a partition that has no leader yet upsets the idempotent producer's sequence numbers. */
    private void awaitLeaders(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Partitions of " + topic + " have no leader yet");
            }
            Thread.sleep(100);
        }
    }

    /**
     * How many brokers of the cluster answered, asking for at most {@code timeout}.
     *
     * @throws IllegalStateException when none answered in time
     */
    public int brokers(Duration timeout) {
        try {
            return admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The offsets a consumer group has committed, by partition; partitions it has committed nothing for are absent.
     *
     * @throws IllegalStateException when the cluster did not answer within 10 seconds
     */
    public Map<TopicPartition, Long> committedOffsets(String groupId) {
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            committed.put(partition, offset.offset());
                        }
                    });
            return committed;
        } catch (ExecutionException e) {
            throw new IllegalStateException("The offsets of " + groupId + " could not be read: "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The offsets of " + groupId + " could not be read within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    props.put(k, v);
                }
            });
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
