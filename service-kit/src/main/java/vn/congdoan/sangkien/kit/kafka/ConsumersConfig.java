package vn.congdoan.sangkien.kit.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consumers")
public interface ConsumersConfig {

    /** How long a consumer may keep failing to apply a batch before {@code /q/health/well} reports it DOWN. */
    @WithDefault("1m")
    Duration alertAfter();
}
