package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;

import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.Tokens;

/** Creates units through the API for tests, each with a unique code. */
final class Units {

    private Units() {
    }

    static String root() {
        return given().get("/api/v1/units/by-code/TLD").then().statusCode(200).extract().path("id");
    }

    static String idOf(String code) {
        return given().get("/api/v1/units/by-code/" + code).then().statusCode(200).extract().path("id");
    }

    /** A new provincial federation in force from {@code validFrom}, for imports into it; its code. */
    static String province(String validFrom) {
        return codeOf(create("PROVINCIAL_FEDERATION", root(), "Liên đoàn Lao động tỉnh Nhập Liệu", validFrom));
    }

    static String codeOf(String id) {
        return given().get("/api/v1/units/" + id).then().extract().path("code");
    }

    static String etagOf(String id) {
        return given().get("/api/v1/units/" + id).then().extract().header("ETag");
    }

    /** Runs set-up signed in as a national administrator, for tests whose own requests each carry a caller. */
    static <T> T asNationalAdmin(Supplier<T> setUp) {
        Tokens.signInAs(Roles.NATIONAL_ADMIN, "TLD");
        try {
            return setUp.get();
        } finally {
            Tokens.signOut();
        }
    }

    static void asNationalAdmin(Runnable setUp) {
        asNationalAdmin(() -> {
            setUp.run();
            return null;
        });
    }

    /**
     * A province with a district and a grassroots union below it, and a second province beside it: the units a test
     * acts on inside its caller's subtree and outside it.
     */
    record Tree(String province, String provinceCode, String district, String grassroots, String otherProvince) {
    }

    /**
     * A new {@link Tree}, its units named after {@code name}, made as a national administrator. Test classes make
     * theirs before their first test: REST Assured knows the application's random port only from then on.
     */
    static Tree tree(String name) {
        return asNationalAdmin(() -> {
            String province = create("PROVINCIAL_FEDERATION", root(), "Liên đoàn Lao động tỉnh " + name);
            String district = create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện " + name);
            return new Tree(province, codeOf(province), district,
                    create("GRASSROOTS", district, "Công đoàn cơ sở " + name),
                    create("PROVINCIAL_FEDERATION", root(), "Liên đoàn Lao động tỉnh Ngoài " + name));
        });
    }

    static String create(String type, String parentId, String name) {
        return create(type, parentId, name, null);
    }

    static String create(String type, String parentId, String name, String validFrom) {
        String code = type.substring(0, 2) + "-" + UUID.randomUUID().toString().substring(0, 12);
        return given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"%s","type":"%s","parentId":"%s"%s}
                        """.formatted(code, name, type, parentId,
                        validFrom == null ? "" : ",\"validFrom\":\"" + validFrom + "\""))
                .post("/api/v1/units").then().statusCode(201).extract().path("id");
    }
}
