package vn.congdoan.sangkien.submission;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.ApiKey;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** Units published on org-units.v1 as org-unit-service would, once the service's replica holds them. */
final class Replica {

    /** A province and a grassroots union of it. */
    record Province(UUID id, String code, UUID unit) {
    }

    private Replica() {
    }

    static Province province(OrgUnitReplicaRepository replicas) {
        UUID id = UUID.randomUUID();
        String code = "P-" + id.toString().substring(0, 8);
        publish(replicas, new OrgUnitState(id, code, "Liên đoàn Lao động tỉnh thử", OrgUnitType.PROVINCIAL_FEDERATION,
                null, id, 69_000, null, LocalDate.of(2020, 1, 1), null, null, 0));
        UUID unit = UUID.randomUUID();
        publish(replicas, new OrgUnitState(unit, "U-" + unit.toString().substring(0, 8), "Công đoàn cơ sở thử",
                OrgUnitType.GRASSROOTS, id, id, 300, null, LocalDate.of(2020, 1, 1), null, null, 0));
        return new Province(id, code, unit);
    }

    /** An API key of the province's IT system. */
    record Key(String id, String presented) {
    }

    /** Issues a key bound to {@code province} and waits until the service's replica of the keys holds it. */
    static Key apiKey(EntityManager em, UUID province) {
        ApiKey key = new ApiKey();
        String presented = ApiKey.issue(key, province, "Hệ thống sáng kiến tỉnh");
        TopicProbe.send(Topics.API_KEYS, key.id.toString(), EventJson.write(key.toState()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> em.find(ApiKey.class, key.id) != null));
        return new Key(key.id.toString(), presented);
    }

    static void publish(OrgUnitReplicaRepository replicas, OrgUnitState state) {
        TopicProbe.send(Topics.ORG_UNITS, state.id().toString(), EventJson.write(state));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> replicas.findByIdOptional(state.id()).isPresent()));
    }

    /** A valid creation by {@code author} through {@code unit}, submitted at once. */
    static String initiative(UUID unit, String author) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến","problem":"Vấn đề","solution":"Giải pháp",
                 "expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s",
                 "authors":[{"memberId":"%s","displayName":"Tác giả"}],"submit":true}""".formatted(unit, author);
    }
}
