package vn.congdoan.sangkien.kit.security;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ApiKeyState;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ConsumerLoop;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;

/**
 * In services other than org-unit-service (which issues them), keeps the {@code api_key} table equal to
 * {@code api-keys.v1}, so that API keys are checked locally, and a revocation reaches every service.
 */
@ApplicationScoped
public class ApiKeyReplicaConsumer {

    private static final Logger LOG = Logger.getLogger(ApiKeyReplicaConsumer.class);

    private final EntityManager em;
    private final boolean enabled;
    private final ConsumerLoop loop;

    public ApiKeyReplicaConsumer(EntityManager em, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "sangkien.api-keys.replicate", defaultValue = "false") boolean enabled) {
        this.em = em;
        this.enabled = enabled;
        this.loop = new ConsumerLoop(kafkaConfig, application + ".api-keys", Topics.API_KEYS, topics, this::apply);
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (enabled) {
            loop.close();
        }
    }

    void apply(List<ConsumerRecord<String, String>> records) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (ConsumerRecord<String, String> record : records) {
                if (record.value() == null) {
                    continue;
                }
                ApiKeyState state;
                try {
                    state = EventJson.read(record.value(), ApiKeyState.class);
                } catch (IllegalArgumentException e) {
                    LOG.errorf("Skipping unreadable API key record at offset %d: %s", record.offset(), e.getMessage());
                    continue;
                }
                ApiKey key = em.find(ApiKey.class, state.id());
                if (key == null) {
                    key = new ApiKey();
                    key.apply(state);
                    em.persist(key);
                } else {
                    key.apply(state);
                }
            }
        });
    }
}
