package vn.congdoan.sangkien.ranking.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One clock in the standings' time zone, so that "today" means the same day everywhere in the service. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(RankingConfig config) {
        return Clock.system(config.zone());
    }
}
