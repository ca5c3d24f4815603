package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/** The change feed of a province for its nightly sync: GET /export with updatedSince or a cursor. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class ChangeFeedTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    EntityManager em;

    @Test
    void aFeedResumedFromItsCursorMissesNothingAndRepeatsNothingWhileWritesGoOn() throws Exception {
        Replica.Province p = Replica.province(replicas);
        String key = Replica.apiKey(em, p.id()).presented();
        String unitCode = replicas.findByIdOptional(p.unit()).orElseThrow().code;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes = writer.submit(() -> {
            for (int i = 0; i < 30; i++) {
                String member = "m-feed-" + i;
                String id = given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                        .contentType(ContentType.JSON).body(Replica.initiative(p.unit(), member))
                        .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
                if (i % 3 == 0) {
                    given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                            .post("/api/v1/initiatives/" + id + "/withdraw").then().statusCode(200);
                }
            }
        });

        List<String> seen = new ArrayList<>();
        Map<String, Integer> lastVersion = new HashMap<>();
        String cursor = null;
        try {
            Response first = feed(key, p, "updatedSince", "2000-01-01T00:00:00+07:00");
            cursor = read(first, seen, lastVersion, unitCode);
            while (!writes.isDone()) {
                cursor = read(feed(key, p, "cursor", cursor), seen, lastVersion, unitCode);
            }
            writes.get();
        } finally {
            writer.shutdown();
        }
        Map<String, Integer> stored = storedVersions(p.id());
        String[] resume = { cursor };
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            resume[0] = read(feed(key, p, "cursor", resume[0]), seen, lastVersion, unitCode);
            return lastVersion.equals(stored);
        });
        assertThat(stored).hasSize(30);
        assertThat(new HashSet<>(seen)).as("no change twice").hasSameSizeAs(seen);
        assertThat(lastVersion.entrySet().stream().filter(e -> e.getValue() == 1)).hasSize(10);
    }

    @Test
    void theFeedKeepsConfidentialContentAndOtherProvincesOut() {
        Replica.Province p = Replica.province(replicas);
        Replica.Province other = Replica.province(replicas);
        String key = Replica.apiKey(em, p.id()).presented();
        String member = "m-secret";
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                .contentType(ContentType.JSON).body(Replica.initiative(p.unit(), member)
                        .replace("\"submit\":true", "\"visibility\":\"CONFIDENTIAL\",\"submit\":true")
                        .replace("Vấn đề", "Bí mật công nghệ"))
                .post("/api/v1/initiatives").then().statusCode(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> feed(key, p, "updatedSince", "2000-01-01T00:00:00Z")
                .jsonPath().getList("id").size() == 1);
        byte[] csv = given().header("X-API-Key", key).queryParam("province", p.code()).queryParam("format", "csv")
                .queryParam("updatedSince", "2000-01-01T00:00:00Z").get("/api/v1/initiatives/export").then()
                .statusCode(200).extract().asByteArray();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("CONFIDENTIAL").doesNotContain("Bí mật");
        assertThat(feed(key, p, "updatedSince", "2000-01-01T00:00:00Z").asString()).doesNotContain("Bí mật")
                .doesNotContain(member);

        given().header("X-API-Key", key).queryParam("province", other.code()).queryParam("updatedSince",
                "2000-01-01T00:00:00Z").get("/api/v1/initiatives/export").then().statusCode(403)
                .contentType("application/problem+json");
        given().queryParam("province", p.code()).queryParam("updatedSince", "2000-01-01T00:00:00Z")
                .get("/api/v1/initiatives/export").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                .queryParam("province", p.code()).queryParam("updatedSince", "2000-01-01T00:00:00Z")
                .get("/api/v1/initiatives/export").then().statusCode(403);
        given().header("X-API-Key", key).queryParam("province", p.code()).queryParam("cursor", "bm90LWEtY3Vyc29y")
                .get("/api/v1/initiatives/export").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("cursor"));
        given().header("X-API-Key", key).queryParam("province", p.code()).queryParam("updatedSince", "yesterday")
                .get("/api/v1/initiatives/export").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("updatedSince"));
        given().header("X-API-Key", key).queryParam("province", p.code()).queryParam("updatedSince",
                "2000-01-01T00:00:00Z").queryParam("limit", "0").get("/api/v1/initiatives/export").then()
                .statusCode(400).body("field", equalTo("limit"));
    }

    private static Response feed(String key, Replica.Province p, String parameter, String value) {
        return given().header("X-API-Key", key).queryParam("province", p.code()).queryParam("format", "json")
                .queryParam("limit", "7").queryParam(parameter, value).get("/api/v1/initiatives/export").then()
                .statusCode(200).extract().response();
    }

    /** Takes in one answer of the feed; its Next-Cursor. */
    private static String read(Response answer, List<String> seen, Map<String, Integer> lastVersion,
            String unitCode) {
        List<Map<String, Object>> rows = answer.jsonPath().getList("$");
        for (Map<String, Object> row : rows) {
            seen.add(row.get("id") + "@" + row.get("version"));
            lastVersion.put((String) row.get("id"), (Integer) row.get("version"));
            assertThat(row.get("unitCode")).isEqualTo(unitCode);
        }
        String next = answer.header("Next-Cursor");
        assertThat(next).isNotBlank();
        return next;
    }

    private Map<String, Integer> storedVersions(UUID province) {
        Map<String, Integer> versions = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, version from initiative where province_id = ?1")
                    .setParameter(1, province).getResultList();
            rows.forEach(r -> versions.put(r[0].toString(), ((Number) r[1]).intValue()));
        });
        return versions;
    }

}
