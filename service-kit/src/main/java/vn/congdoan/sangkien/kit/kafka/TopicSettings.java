package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import vn.congdoan.sangkien.events.Topics;

/**
 * How the services create and keep our topics. The keys and their defaults are in the kit's
 * {@code META-INF/microprofile-config.properties}, read by every service: production defaults (three copies of every
 * partition, two of them in sync before a write is acknowledged); the local stack and the tests set one.
 */
@ConfigMapping(prefix = "sangkien.topics")
public interface TopicSettings {

    /** Copies the cluster keeps of every partition of every topic. */
    short replicationFactor();

    /** Copies that must hold a record before the broker acknowledges it to our producers, which send with acks=all. */
    int minInsyncReplicas();

    /** {@code topic=count} pairs: partitions of the topics named, where they differ from {@link Topics#spec}. */
    Optional<List<String>> partitions();

    /**
     * {@code topic=duration} pairs ({@code 400D}, {@code P400D} or {@code forever}): how long topics that are not
     * compacted keep their records, where it differs from {@link Topics#spec} (for ever).
     */
    Optional<List<String>> retention();

    /** The partitions each of our topics is created with. */
    default int partitionsOf(Topics.Spec spec) {
        return pairs(partitions(), "partitions", Integer::valueOf).getOrDefault(spec.name(), spec.partitions());
    }

    /** How long a topic keeps its records; empty for ever. Compacted topics keep each key's latest value for ever. */
    default Optional<Duration> retentionOf(Topics.Spec spec) {
        Map<String, Optional<Duration>> configured = pairs(retention(), "retention",
                v -> v.equalsIgnoreCase("forever") ? Optional.empty() : Optional.of(DurationConverter.parseDuration(v)));
        if (spec.cleanup() == Topics.Cleanup.COMPACT && configured.containsKey(spec.name())) {
            throw new IllegalArgumentException("sangkien.topics.retention: " + spec.name() + " is compacted, it keeps "
                    + "each key's latest value for ever");
        }
        return configured.getOrDefault(spec.name(), Optional.empty());
    }

    /** Every topic a pair names must be one of ours, so that a misspelt name fails at start-up, not silently. */
    private static <T> Map<String, T> pairs(Optional<List<String>> list, String key, Function<String, T> value) {
        Map<String, T> pairs = new LinkedHashMap<>();
        for (String pair : list.orElse(List.of())) {
            String[] parts = pair.strip().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("sangkien.topics." + key + ": expected topic=value, got " + pair);
            }
            String topic = parts[0].strip();
            Topics.spec(topic);
            pairs.put(topic, value.apply(parts[1].strip()));
        }
        return pairs;
    }
}
