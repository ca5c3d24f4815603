package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.events.ApiKeyState;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.ApiKey;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** This service's copy of the API keys applies each key's states by version, like every replica: revoked stays so. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class ApiKeyReplicaTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Test
    void anOlderStateReplayedAfterARevocationDoesNotBringTheKeyBack() {
        Replica.Province p = Replica.province(replicas);
        ApiKey issued = new ApiKey();
        String secret = ApiKey.issue(issued, p.id(), "Hệ thống CNTT tỉnh thử");
        ApiKeyState active = state(issued, 0, false);
        ApiKeyState revoked = state(issued, 1, true);

        send(active);
        await().atMost(Duration.ofSeconds(20)).until(() -> export(secret) == 200);
        send(revoked);
        await().atMost(Duration.ofSeconds(20)).until(() -> export(secret) == 401);

        send(active);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> export(secret) == 401);
    }

    private static ApiKeyState state(ApiKey key, long version, boolean revoked) {
        ApiKeyState state = key.toState();
        return new ApiKeyState(state.id(), state.provinceId(), state.label(), state.secretHash(), state.createdAt(),
                revoked ? state.createdAt().plusSeconds(60) : null, version);
    }

    private static void send(ApiKeyState state) {
        TopicProbe.send(Topics.API_KEYS, state.id().toString(), EventJson.write(state));
    }

    private int export(String key) {
        return given().header("X-API-Key", key).queryParam("province", UUID.randomUUID().toString())
                .get("/api/v1/initiatives/export").statusCode() == 401 ? 401 : 200;
    }
}
