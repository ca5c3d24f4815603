package vn.congdoan.sangkien.kit.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.events.ApiKeyState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.kit.kafka.ReplicaConsumer;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;

/**
 * In services other than org-unit-service (which issues them), keeps the {@code api_key} table equal to
 * {@code api-keys.v1}, so that API keys are checked locally, and a revocation reaches every service.
 */
@Singleton
public class ApiKeyReplicaConsumer extends ReplicaConsumer<ApiKeyState> {

    /**
     * Keeps the issuing service's state when it is newer than the one applied last, as every replica does: a replayed
     * or reordered older record changes nothing. A revocation is final, whatever a state says.
     */
    private static final String UPSERT = """
            insert into api_key (id, province_id, label, secret_hash, created_at, revoked_at, version, source_version)
            values (?, ?, ?, ?, ?, ?, 0, ?)
            on conflict (id) do update set province_id = excluded.province_id, label = excluded.label,
                secret_hash = excluded.secret_hash, created_at = excluded.created_at,
                revoked_at = coalesce(api_key.revoked_at, excluded.revoked_at), version = api_key.version + 1,
                source_version = excluded.source_version
            where api_key.source_version < excluded.source_version
            """;

    private final DataSource dataSource;
    private final boolean enabled;

    public ApiKeyReplicaConsumer(DataSource dataSource, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "api-keys.replicate", defaultValue = "false") boolean enabled) {
        super(kafkaConfig, topics, application + ".api-keys", Topics.API_KEYS, ApiKeyState.class);
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected void apply(Batch<ApiKeyState> batch) {
        List<ApiKeyState> states = batch.changes().stream().map(Change::state).filter(Objects::nonNull).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                Jdbc.batch(c, UPSERT, states, k -> new Object[] {k.id(), k.provinceId(), k.label(), k.secretHash(),
                    timestamp(k.createdAt()), timestamp(k.revokedAt()), k.version()});
            } catch (SQLException e) {
                throw new IllegalStateException("Could not apply " + states.size() + " API keys", e);
            }
        });
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
