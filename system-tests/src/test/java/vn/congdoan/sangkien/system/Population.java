package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import vn.congdoan.sangkien.localstack.DevTokens;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/** Grassroots unions created through org-unit-service under several provinces, once submission-service knows them. */
final class Population {

    /** A grassroots union and the provincial federation it belongs to. */
    record Unit(UUID id, String code, UUID provinceId, String provinceCode) {
    }

    static final String ADMIN = Api.bearer("it-national-admin", "TLD", "NATIONAL_ADMIN");

    /** The sectors the units are given in turn; null: none. */
    private static final List<String> SECTORS = Arrays.asList("FOREIGN_INVESTED_ENTERPRISE",
            "STATE_OWNED_ENTERPRISE", null, "PUBLIC_SERVICE_UNIT", "PRIVATE_ENTERPRISE");

    private Population() {
    }

    static List<Unit> create(SystemUnderTest system, String prefix, List<String> provinceCodes) throws Exception {
        List<Unit> units = new ArrayList<>();
        for (String province : provinceCodes) {
            String code = prefix + "-" + province;
            // units of several sectors, and one without, for the breakdowns by sector
            String sector = SECTORS.get(units.size() % SECTORS.size());
            Map<String, Object> unit = new HashMap<>(Map.of("code", code, "name", "Công đoàn cơ sở " + code,
                    "type", "GRASSROOTS", "parentId", DevTokens.unitId(province)));
            if (sector != null) {
                unit.put("sector", sector);
            }
            Api.Reply created = Api.postJson(system.url(Service.ORG_UNIT) + "/api/v1/units", ADMIN, unit, Map.of());
            assertThat(created.status()).as("create %s: %s", code, created).isEqualTo(201);
            units.add(new Unit(UUID.fromString(created.json().get("id").asText()), code,
                    UUID.fromString(DevTokens.unitId(province)), province));
        }
        Awaitility.await("submission-service's copy of org-units.v1 holds the new units")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> replicated(system, units));
        return units;
    }

    private static boolean replicated(SystemUnderTest system, List<Unit> units) throws Exception {
        try (Connection c = system.database(Service.SUBMISSION);
             PreparedStatement s = c.prepareStatement("select count(*) from org_unit_replica where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", units.stream().map(Unit::id).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == units.size();
            }
        }
    }
}
