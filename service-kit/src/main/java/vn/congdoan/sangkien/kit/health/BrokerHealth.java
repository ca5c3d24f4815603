package vn.congdoan.sangkien.kit.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;

/**
 * Whether the Kafka cluster answers, at {@code /q/health/well}, within two seconds. A wellness check, not a readiness
 * one: without the broker every service still answers (events wait in the outbox, standings are read from what was
 * counted), so an orchestrator must not take it out of service; monitoring should still hear of it.
 */
@Wellness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final TopicAdmin topics;

    public BrokerHealth(TopicAdmin topics) {
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka-broker");
        try {
            return response.up().withData("brokers", topics.brokers(TIMEOUT)).build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", "The Kafka cluster did not answer: " + e.getMessage()).build();
        }
    }
}
