package vn.congdoan.sangkien.kit.security;

import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ApiKeyState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;

/**
 * In services other than org-unit-service (which issues them), keeps the {@code api_key} table equal to
 * {@code api-keys.v1}, so that API keys are checked locally, and a revocation reaches every service.
 */
@Singleton
public class ApiKeyReplicaConsumer extends ReplicaConsumer<ApiKeyState> {

    private final EntityManager em;
    private final boolean enabled;

    public ApiKeyReplicaConsumer(EntityManager em, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "api-keys.replicate", defaultValue = "false") boolean enabled) {
        super(kafkaConfig, topics, application + ".api-keys", Topics.API_KEYS, ApiKeyState.class);
        this.em = em;
        this.enabled = enabled;
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected void apply(Batch<ApiKeyState> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Change<ApiKeyState> change : batch.changes()) {
                if (change.state() == null) {
                    continue;
                }
                ApiKey key = em.find(ApiKey.class, change.state().id());
                if (key == null) {
                    key = new ApiKey();
                    key.apply(change.state());
                    em.persist(key);
                } else {
                    key.apply(change.state());
                }
            }
        });
    }
}
