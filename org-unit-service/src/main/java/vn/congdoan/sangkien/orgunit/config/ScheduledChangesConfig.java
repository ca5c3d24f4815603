package vn.congdoan.sangkien.orgunit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scheduled-changes")
public interface ScheduledChangesConfig {

    /** How often pending changes whose day has come are looked for and applied. */
    @WithDefault("60S")
    Duration checkInterval();

    /** How long a failed change keeps {@code /q/health/well} DOWN. */
    @WithDefault("7D")
    Duration alertPeriod();
}
