package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class OrgUnitImportTest extends SignedInAsNationalAdmin {

    @Test
    void mixedRowsEachGetTheirOwnResult() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        String body = """
                [
                 {"code":"%1$s-G1","name":"Công đoàn cơ sở Trường THCS Lê Lợi","type":"GRASSROOTS","parentCode":"%1$s-D1","memberCount":"42"},
                 {"code":"%1$s-D1","name":"Công đoàn Giáo dục huyện","type":"DIRECT_SUPERIOR","parentCode":"%2$s"},
                 {"code":"%1$s-G2","name":"Công đoàn cơ sở mồ côi","type":"GRASSROOTS","parentCode":"NO-SUCH-PARENT"},
                 {"code":"%1$s-G3","name":"Sai loại","type":"PROVINCIAL_FEDERATION","parentCode":"%2$s"},
                 {"code":"%1$s-G4","name":"  ","type":"GRASSROOTS","parentCode":"%2$s"},
                 {"code":"%1$s-G1","name":"Trùng mã","type":"GRASSROOTS","parentCode":"%2$s"},
                 {"code":"%1$s-G5","name":"Tổ dưới cơ sở","type":"GRASSROOTS","parentCode":"%1$s-G1"},
                 {"code":"%1$s-G6","name":"Ngày sai","type":"GRASSROOTS","parentCode":"%2$s","validFrom":"2022-02-30"},
                 {"code":"%1$s-G7","name":"Công đoàn cơ sở Bệnh viện huyện","type":"GRASSROOTS","parentCode":"%2$s","memberCount":-1}
                ]""".formatted(p, provinceCode);

        JsonPath report = given().contentType(ContentType.JSON).body(body).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("received")).isEqualTo(9);
        assertThat(report.getInt("created")).isEqualTo(2);
        assertThat(report.getInt("rejected")).isEqualTo(7);
        assertThat(report.getList("results.outcome")).containsExactly("CREATED", "CREATED", "REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED");
        assertThat(report.getList("results.field")).containsExactly(null, null, "parentCode", "type", "name", "code",
                "parentCode", "validFrom", "memberCount");

        String g1 = report.getString("results[0].id");
        String d1 = report.getString("results[1].id");
        given().get("/api/v1/units/" + g1).then().statusCode(200)
                .body("parentId", equalTo(d1)).body("memberCount", equalTo(42))
                .body("provinceId", equalTo(Units.idOf(provinceCode)));
        TopicProbe.awaitRecords(Topics.ORG_UNITS, r -> r.key().equals(g1), Duration.ofSeconds(20));
    }

    @Test
    void sendingTheSameRowsAgainChangesNothingAndAChangedRowUpdates() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        String rows = """
                [{"code":"%1$s-D","name":"Công đoàn Khu công nghiệp","type":"DIRECT_SUPERIOR","parentCode":"%2$s"},
                 {"code":"%1$s-G","name":"Công đoàn cơ sở Công ty May","type":"GRASSROOTS","parentCode":"%1$s-D"}]
                """.formatted(p, provinceCode);
        given().contentType(ContentType.JSON).body(rows).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).body("created", equalTo(2));

        given().contentType(ContentType.JSON).body(rows).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200)
                .body("unchanged", equalTo(2)).body("created", equalTo(0));

        given().contentType(ContentType.JSON).body(rows.replace("Công ty May", "Công ty May 10"))
                .queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200)
                .body("updated", equalTo(1)).body("unchanged", equalTo(1));
        given().get("/api/v1/units/by-code/" + p + "-G").then().body("name", equalTo("Công đoàn cơ sở Công ty May 10"));
    }

    @Test
    void aReimportRenamingHundredsOfUnitsUpdatesEveryOneAndSearchFindsTheNewNames() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 250; i++) {
            rows.append(i == 0 ? "" : ",").append("""
                    {"code":"%1$s-G%3$d","name":"Công đoàn cơ sở Xưởng %1$s số %3$d","type":"GRASSROOTS","parentCode":"%2$s"}
                    """.formatted(p, provinceCode, i));
        }
        String first = rows.append("]").toString();
        given().contentType(ContentType.JSON).body(first).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).body("created", equalTo(250));
        given().queryParam("q", "xuong " + p + " so 17").get("/api/v1/units").then().statusCode(200)
                .body("items.code", org.hamcrest.Matchers.hasItem(p + "-G17"));

        given().contentType(ContentType.JSON).body(first.replace("Xưởng", "Nhà máy"))
                .queryParam("province", provinceCode).post("/api/v1/units/import").then().statusCode(200)
                .body("updated", equalTo(250)).body("rejected", equalTo(0));

        given().get("/api/v1/units/by-code/" + p + "-G249").then()
                .body("name", equalTo("Công đoàn cơ sở Nhà máy " + p + " số 249"));
        given().queryParam("q", "nha may " + p + " so 17").get("/api/v1/units").then().statusCode(200)
                .body("items.code", org.hamcrest.Matchers.hasItem(p + "-G17"));
    }

    @Test
    void csvWithVietnameseTextIsImported() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        String csv = "\uFEFFcode,name,type,parentCode,memberCount,memberCountAsOf,validFrom\r\n"
                + p + "-C1,\"Công đoàn cơ sở Công ty TNHH Hoa Sen, chi nhánh Nghi Sơn\",GRASSROOTS," + provinceCode
                + ",1500,2022-04-01,2021-01-01\r\n"
                + p + "-C2,Công đoàn cơ sở Trường Mầm non Hoa Hồng,GRASSROOTS," + provinceCode + ",,,\r\n";

        JsonPath report = given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("province", provinceCode).post("/api/v1/units/import")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("created")).isEqualTo(2);
        given().get("/api/v1/units/by-code/" + p + "-C1").then()
                .body("name", equalTo("Công đoàn cơ sở Công ty TNHH Hoa Sen, chi nhánh Nghi Sơn"))
                .body("validFrom", equalTo("2021-01-01"));
    }

    @Test
    void malformedFilesAreRefusedWholeAndWriteNothing() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        String unbalanced = "code,name,type,parentCode\n" + p + "-X1,Tên đúng,GRASSROOTS," + provinceCode + "\n"
                + p + "-X2,\"Thiếu dấu đóng,GRASSROOTS," + provinceCode + "\n";
        given().contentType("text/csv").body(unbalanced.getBytes(StandardCharsets.UTF_8))
                .queryParam("province", provinceCode).post("/api/v1/units/import").then().spec(problem(400, "body"));

        byte[] invalidUtf8 = ("code,name,type,parentCode\n" + p + "-X3,T").getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[invalidUtf8.length + 2];
        System.arraycopy(invalidUtf8, 0, withBadByte, 0, invalidUtf8.length);
        withBadByte[invalidUtf8.length] = (byte) 0xC3;
        withBadByte[invalidUtf8.length + 1] = (byte) 0x28;
        given().contentType("text/csv").body(withBadByte).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then()
                .statusCode(400).body("field", equalTo("body"));

        given().contentType("text/csv").body(("code,name\n" + p + "-X4,Tên\n").getBytes(StandardCharsets.UTF_8))
                .queryParam("province", provinceCode)
                .post("/api/v1/units/import").then()
                .statusCode(400).body("field", equalTo("header"));

        given().get("/api/v1/units/by-code/" + p + "-X1").then().statusCode(404);
        given().get("/api/v1/units/" + Units.idOf(provinceCode) + "/children").then()
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void importIsForOneExistingProvinceAndItsOwnUnits() {
        given().contentType(ContentType.JSON).body("[]").queryParam("province", "NO-SUCH").post("/api/v1/units/import")
                .then().spec(problem(404));
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/units/import")
                .then().statusCode(400).body("field", equalTo("province"));

        String other = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON)
                .body("[{\"code\":\"" + p + "-O\",\"name\":\"Đơn vị tỉnh khác\",\"type\":\"GRASSROOTS\",\"parentCode\":\"" + other + "\"}]")
                .queryParam("province", other).post("/api/v1/units/import").then().body("created", equalTo(1));
        String mine = newProvince();
        given().contentType(ContentType.JSON)
                .body("[{\"code\":\"" + p + "-O\",\"name\":\"Chiếm mã\",\"type\":\"GRASSROOTS\",\"parentCode\":\"" + mine + "\"}]")
                .queryParam("province", mine).post("/api/v1/units/import").then()
                .body("rejected", equalTo(1)).body("results[0].field", equalTo("code"));
        given().contentType(ContentType.JSON)
                .body("[{\"code\":\"" + p + "-P\",\"name\":\"Vượt tỉnh\",\"type\":\"GRASSROOTS\",\"parentCode\":\"" + other + "\"}]")
                .queryParam("province", mine).post("/api/v1/units/import").then()
                .body("rejected", equalTo(1)).body("results[0].field", equalTo("parentCode"));
    }

    @Test
    void rowsThatBreakARuleOfTheHierarchyWhenWrittenNameTheirColumn() {
        String provinceCode = newProvince();
        String p = UUID.randomUUID().toString().substring(0, 6);
        String first = """
                [
                 {"code":"%1$s-D1","name":"Liên đoàn Lao động huyện Trên","type":"DIRECT_SUPERIOR","parentCode":"%2$s"},
                 {"code":"%1$s-D2","name":"Công đoàn ngành Dưới","type":"DIRECT_SUPERIOR","parentCode":"%1$s-D1"},
                 {"code":"%1$s-G1","name":"Công đoàn cơ sở Đã Giải Thể","type":"GRASSROOTS","parentCode":"%2$s","validFrom":"2020-01-01"}
                ]""".formatted(p, provinceCode);
        JsonPath created = given().contentType(ContentType.JSON).body(first).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).body("created", equalTo(3)).extract().jsonPath();
        String d1 = created.getString("results[0].id");
        given().contentType(ContentType.JSON).body("{\"validTo\":\"2024-01-01\"}")
                .post("/api/v1/units/" + created.getString("results[2].id") + "/deactivate").then().statusCode(200);

        String second = """
                [
                 {"code":"%1$s-D1","name":"Liên đoàn Lao động huyện Trên","type":"DIRECT_SUPERIOR","parentCode":"%1$s-D2"},
                 {"code":"%1$s-G1","name":"Công đoàn cơ sở Tên Khác","type":"GRASSROOTS","parentCode":"%2$s"},
                 {"code":"%1$s-G2","name":"Công đoàn cơ sở Ngày Xa","type":"GRASSROOTS","parentCode":"%2$s","validFrom":"+300000-01-01"},
                 {"code":"%1$s-G3","name":"Công đoàn cơ sở Ngày Xưa","type":"GRASSROOTS","parentCode":"%2$s","memberCountAsOf":"-5000-01-01"}
                ]""".formatted(p, provinceCode);
        JsonPath report = given().contentType(ContentType.JSON).body(second).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("results.outcome")).containsOnly("REJECTED");
        assertThat(report.getList("results.field")).containsExactly("parentCode", "code", "validFrom",
                "memberCountAsOf");
        given().get("/api/v1/units/" + d1).then().body("parentId", equalTo(Units.idOf(provinceCode)));
        given().get("/api/v1/units/by-code/" + p + "-G2").then().statusCode(404);
        given().get("/api/v1/units/by-code/" + p + "-G3").then().statusCode(404);
    }

    @Test
    void importsOfTwoProvincesMovingUnitsAtOnceBothGoThrough() throws Exception {
        List<String> provinces = List.of(newProvince(), newProvince());
        Map<String, String> moved = new java.util.HashMap<>();
        for (String provinceCode : provinces) {
            String p = UUID.randomUUID().toString().substring(0, 6);
            StringBuilder rows = new StringBuilder("[")
                    .append(district(p + "-D1", provinceCode)).append(",").append(district(p + "-D2", provinceCode));
            for (int i = 0; i < 150; i++) {
                rows.append(",").append(grassroots(p + "-G" + i, p + "-D1"));
            }
            String first = rows.append("]").toString();
            given().contentType(ContentType.JSON).body(first).queryParam("province", provinceCode)
                    .post("/api/v1/units/import").then().statusCode(200).body("created", equalTo(152));
            moved.put(provinceCode, first.replace("\"parentCode\":\"" + p + "-D1\"", "\"parentCode\":\"" + p + "-D2\""));
        }

        // Each import moves its 150 grassroots unions to the other district, both at the same moment. A move takes the
        // structure lock exclusively: had an import asked for it while holding it shared, two such imports could wait
        // for each other until PostgreSQL broke the deadlock (the rows then go through one by one, so only the
        // database's count of deadlocks tells). The window for that is narrow; this catches it when it opens.
        long deadlocksBefore = deadlocks();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<JsonPath>> answers = provinces.stream().map(code -> pool.submit(() ->
                    given().contentType(ContentType.JSON).body(moved.get(code)).queryParam("province", code)
                            .post("/api/v1/units/import").then().statusCode(200).extract().jsonPath())).toList();
            for (var answer : answers) {
                JsonPath report = answer.get();
                assertThat(report.getInt("rejected")).as(report.prettify()).isZero();
                assertThat(report.getInt("updated")).isEqualTo(150);
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(1_500); // statistics reach pg_stat_database within a second of a transaction's end
        assertThat(deadlocks()).isEqualTo(deadlocksBefore);
    }

    @Inject
    EntityManager em;

    private long deadlocks() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_stat_clear_snapshot()").getSingleResult();
            return ((Number) em.createNativeQuery(
                    "select deadlocks from pg_stat_database where datname = current_database()").getSingleResult())
                    .longValue();
        });
    }

    private static String district(String code, String parentCode) {
        return """
                {"code":"%s","name":"Công đoàn Khu công nghiệp %s","type":"DIRECT_SUPERIOR","parentCode":"%s"}"""
                .formatted(code, code, parentCode);
    }

    private static String grassroots(String code, String parentCode) {
        return """
                {"code":"%s","name":"Công đoàn cơ sở %s","type":"GRASSROOTS","parentCode":"%s"}"""
                .formatted(code, code, parentCode);
    }

    @Test
    void moreThanFiftyThousandRowsAreRefused() {
        String provinceCode = newProvince();
        List<Map<String, String>> rows = java.util.Collections.nCopies(50_001,
                Map.of("code", "X", "name", "X", "type", "GRASSROOTS", "parentCode", provinceCode));
        given().contentType(ContentType.JSON).body(rows).queryParam("province", provinceCode)
                .post("/api/v1/units/import").then().spec(problem(422, "rows"));
    }

    /** In force long before the rows' fixed dates, so that none starts before it. */
    private static String newProvince() {
        return Units.province("2000-01-01");
    }
}
