package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * The abuse cases of the security review that concern the union hierarchy: an administrator changing their own unit
 * (its member count lifts its province's rank per 1,000 members), and imports that hold a slot for callers the
 * service would refuse anyway.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class AbuseTest extends OwnTreeTest {

    private static final String NATIONAL = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-national");

    /**
     * Finding 5: an administrator acts on the units below their own, and a province's member count is national, also
     * where the administrators of a lower unit set its count themselves.
     */
    @Test
    void aUnitAdminCannotChangeItsOwnUnitNorAProvincesMemberCount() {
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, tree.province(), "m-province-admin");
        put(provinceAdmin, tree.province(), "{\"memberCount\":1}", 403);
        String etag = given().header("Authorization", NATIONAL).get("/api/v1/units/" + tree.province()).then().extract()
                .header("ETag");
        given().header("Authorization", provinceAdmin).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"memberCount\":1}").put("/api/v1/units/" + tree.province() + "/member-count").then()
                .statusCode(403);
        put(provinceAdmin, tree.province(), "{\"name\":\"Liên đoàn Lao động tỉnh Tự Đổi Tên\"}", 403);
        given().header("Authorization", provinceAdmin).contentType(ContentType.JSON).body("{\"validTo\":\"2099-01-01\"}")
                .post("/api/v1/units/" + tree.province() + "/deactivate").then().statusCode(403);
        given().header("Authorization", provinceAdmin).contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + tree.province() + "\"}").post("/api/v1/units/" + tree.province() + "/move")
                .then().statusCode(403);
        // below their own unit they administer
        put(provinceAdmin, tree.district(), "{\"memberCount\":1200}", 200);

        // an administrator of the confederation is not a national administrator: a province's count is not theirs
        String confederationAdmin = Tokens.bearer(Roles.UNIT_ADMIN, "TLD", "m-tld-admin");
        put(confederationAdmin, tree.province(), "{\"memberCount\":2}", 403);
        put(NATIONAL, tree.province(), "{\"memberCount\":69000}", 200);
        given().header("Authorization", NATIONAL).get("/api/v1/units/" + tree.province()).then()
                .body("memberCount", org.hamcrest.Matchers.equalTo(69000));
    }

    /** Finding 8: an import nobody may make is refused before it waits for, or takes, an import slot. */
    @Test
    void anImportIsRefusedBeforeItWaitsForASlot() throws Exception {
        List<Socket> uploads = List.of(unfinishedUpload(), unfinishedUpload());
        try {
            // both slots are taken: the national administrator's own import is told to come back
            await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", NATIONAL)
                    .contentType(ContentType.JSON).queryParam("province", tree.provinceCode()).body("[]")
                    .post("/api/v1/units/import").statusCode() == 503);
            String member = Tokens.bearer(Roles.MEMBER, tree.province(), "m-member");
            given().header("Authorization", member).contentType(ContentType.JSON)
                    .queryParam("province", "NO-SUCH-" + UUID.randomUUID()).body("[]")
                    .post("/api/v1/units/import").then().statusCode(404);
            given().header("Authorization", member).contentType(ContentType.JSON)
                    .queryParam("province", tree.provinceCode()).body("[]")
                    .post("/api/v1/units/import").then().statusCode(403);
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
        }
    }

    private static void put(String token, String unit, String body, int expected) {
        String etag = given().header("Authorization", NATIONAL).get("/api/v1/units/" + unit).then().extract()
                .header("ETag");
        given().header("Authorization", token).header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .put("/api/v1/units/" + unit).then().statusCode(expected);
    }

    /** An import whose body announces a megabyte, of which only the start arrives. */
    private Socket unfinishedUpload() throws Exception {
        Socket socket = new Socket("localhost", RestAssured.port);
        String request = "POST /api/v1/units/import?province=" + tree.provinceCode() + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: " + NATIONAL + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n[{\"code\":\"UNFINISHED\",";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }
}
