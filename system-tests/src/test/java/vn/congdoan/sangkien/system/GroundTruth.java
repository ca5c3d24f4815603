package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.localstack.DevTokens;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * The promise, checked once the system is quiet: every initiative a client was told about is in submission-service's
 * database exactly once, in the status the client was last told; and the standings of every province equal the
 * submissions and distinct submitters counted straight from that database under the counting rule
 * ({@link InitiativeStatus#countsAsSubmission()}), and so do the national counts by field and by sector.
 */
final class GroundTruth {

    static final String PROGRAMME = "1-trieu-sang-kien";
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private GroundTruth() {
    }

    /** Submissions and distinct submitters of one province. */
    record Counts(long submissions, long submitters) {
    }

    static void check(SystemUnderTest system, Ledger ledger, String after) throws Exception {
        SystemSummary.GROUND_TRUTH_CHECKS.incrementAndGet();
        List<String> problems = new ArrayList<>();
        long lost = 0;
        long twice = 0;

        Map<String, List<String>> statusesByKey = initiativesByKey(system);
        for (Ledger.Entry e : ledger.entries()) {
            List<String> stored = statusesByKey.getOrDefault(e.key, List.of());
            if (e.acknowledged() && stored.isEmpty()) {
                lost++;
                problems.add("acknowledged but not stored: " + e.key);
            } else if (stored.size() > 1) {
                twice += stored.size() - 1;
                problems.add("stored " + stored.size() + " times: " + e.key);
            } else if (e.acknowledged() && !stored.get(0).equals(e.status.name())) {
                problems.add(e.key + " is " + stored.get(0) + " but its client was last told " + e.status);
            }
        }

        Instant deadline = Instant.now().plus(SETTLE);
        Map<UUID, Counts> truth;
        Map<UUID, Counts> standings;
        List<String> breakdowns;
        do {
            truth = truth(system);
            standings = standings(system);
            breakdowns = breakdownDifferences(system);
            if (differences(truth, standings).isEmpty() && breakdowns.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        List<String> differences = differences(truth, standings);
        problems.addAll(differences);
        problems.addAll(breakdowns);
        for (Map.Entry<UUID, Counts> t : truth.entrySet()) {
            long shown = standings.getOrDefault(t.getKey(), new Counts(0, 0)).submissions();
            lost += Math.max(0, t.getValue().submissions() - shown);
            twice += Math.max(0, shown - t.getValue().submissions());
        }
        for (Map.Entry<UUID, Counts> s : standings.entrySet()) {
            if (!truth.containsKey(s.getKey())) {
                twice += s.getValue().submissions();
            }
        }
        ledger.report(lost, twice);
        long counted = truth.values().stream().mapToLong(Counts::submissions).sum();
        assertThat(problems).as("after %s: %d initiatives acknowledged, %d counting; lost %d, double-counted %d",
                after, ledger.acknowledged(), counted, lost, twice).isEmpty();
        assertThat(counted).as("the check has something to count").isPositive();
    }

    private static List<String> differences(Map<UUID, Counts> truth, Map<UUID, Counts> standings) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<UUID, Counts> t : truth.entrySet()) {
            Counts shown = standings.get(t.getKey());
            if (!t.getValue().equals(shown)) {
                out.add("province " + t.getKey() + ": database " + t.getValue() + ", standings " + shown);
            }
        }
        standings.forEach((province, shown) -> {
            if (!truth.containsKey(province) && (shown.submissions() != 0 || shown.submitters() != 0)) {
                out.add("province " + province + ": database nothing, standings " + shown);
            }
        });
        return out;
    }

    private static Map<String, List<String>> initiativesByKey(SystemUnderTest system) throws Exception {
        Map<String, List<String>> byKey = new HashMap<>();
        try (Connection c = system.database(Service.SUBMISSION);
             PreparedStatement s = c.prepareStatement("select title, status from initiative where title like ?")) {
            s.setString(1, Ledger.TITLE_PREFIX + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.computeIfAbsent(rs.getString(1).substring(Ledger.TITLE_PREFIX.length()),
                            k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return byKey;
    }

    /** Straight from submission-service's database, under the counting rule of the events module. */
    static Map<UUID, Counts> truth(SystemUnderTest system) throws Exception {
        Object[] counting = Arrays.stream(InitiativeStatus.values()).filter(InitiativeStatus::countsAsSubmission)
                .map(Enum::name).toArray();
        Map<UUID, long[]> counts = new HashMap<>();
        try (Connection c = system.database(Service.SUBMISSION)) {
            try (PreparedStatement s = c.prepareStatement("select province_id, count(*) from initiative"
                    + " where programme_code = ? and status = any(?) group by province_id")) {
                s.setString(1, PROGRAMME);
                s.setArray(2, c.createArrayOf("text", counting));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[2])[0] = rs.getLong(2);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select i.province_id, count(distinct a.member_id)"
                    + " from initiative i join initiative_author a on a.initiative_id = i.id and a.confirmed"
                    + " where i.programme_code = ? and i.status = any(?) group by i.province_id")) {
                s.setString(1, PROGRAMME);
                s.setArray(2, c.createArrayOf("text", counting));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new long[2])[1] = rs.getLong(2);
                    }
                }
            }
        }
        Map<UUID, Counts> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, new Counts(v[0], v[1])));
        return out;
    }

    /**
     * Where the national breakdowns by field and by sector differ from the counts taken straight from
     * submission-service's database (fields) and from it and org-unit-service's (the sector of each initiative's unit).
     */
    static List<String> breakdownDifferences(SystemUnderTest system) throws Exception {
        Object[] counting = Arrays.stream(InitiativeStatus.values()).filter(InitiativeStatus::countsAsSubmission)
                .map(Enum::name).toArray();
        Map<String, Long> byField = new HashMap<>();
        Map<UUID, Long> byUnit = new HashMap<>();
        try (Connection c = system.database(Service.SUBMISSION);
             PreparedStatement s = c.prepareStatement("select field, unit_id, count(*) from initiative"
                     + " where programme_code = ? and status = any(?) group by field, unit_id")) {
            s.setString(1, PROGRAMME);
            s.setArray(2, c.createArrayOf("text", counting));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byField.merge(rs.getString(1) == null ? "NOT_SET" : rs.getString(1), rs.getLong(3), Long::sum);
                    byUnit.merge(rs.getObject(2, UUID.class), rs.getLong(3), Long::sum);
                }
            }
        }
        Map<String, Long> bySector = new HashMap<>();
        try (Connection c = system.database(Service.ORG_UNIT);
             PreparedStatement s = c.prepareStatement("select id, sector from org_unit where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", byUnit.keySet().toArray()));
            Map<UUID, String> sectors = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sectors.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            byUnit.forEach((unit, count) -> bySector.merge(sectors.get(unit) == null ? "NOT_SET"
                    : sectors.get(unit), count, Long::sum));
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> by : Map.of("FIELD", byField, "SECTOR", bySector).entrySet()) {
            Api.Reply reply = Api.get(system.url(Service.RANKING) + "/api/v1/standings/units/"
                    + DevTokens.unitId("TLD") + "/breakdown?programme=" + PROGRAMME + "&by=" + by.getKey(), null);
            if (reply.status() != 200) {
                out.add("breakdown by " + by.getKey() + ": " + reply);
                continue;
            }
            Map<String, Long> shown = new HashMap<>();
            for (JsonNode group : reply.json().get("groups")) {
                if (group.get("submissionsToDate").asLong() != 0) {
                    shown.put(group.get("key").asText(), group.get("submissionsToDate").asLong());
                }
            }
            if (!shown.equals(by.getValue())) {
                out.add("by " + by.getKey() + ": database " + new TreeMap<>(by.getValue()) + ", breakdown "
                        + new TreeMap<>(shown));
            }
        }
        return out;
    }

    /** Every province's row of ranking-service's standings. */
    static Map<UUID, Counts> standings(SystemUnderTest system) throws Exception {
        Api.Reply reply = Api.get(system.url(Service.RANKING) + "/api/v1/standings?programme=" + PROGRAMME, null);
        assertThat(reply.status()).as("standings: %s", reply).isEqualTo(200);
        Map<UUID, Counts> out = new HashMap<>();
        for (JsonNode row : reply.json()) {
            out.put(UUID.fromString(row.get("provinceId").asText()),
                    new Counts(row.get("submissions").asLong(), row.get("submitters").asLong()));
        }
        return out;
    }
}
