package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consumers")
public interface ConsumersConfig {

    /** How long a consumer may keep failing to apply a batch before {@code /q/health/well} reports it DOWN. */
    @WithDefault("1m")
    Duration alertAfter();

    /**
     * How long the broker waits for a heartbeat from an instance before it hands that instance's partitions to the
     * others of its group: after a crash, what the lost instance was consuming waits this long. Kafka's own default.
     */
    @WithDefault("45s")
    Duration sessionTimeout();
}
