package vn.congdoan.sangkien.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * Everything the system holds, in a form that compares: a digest of every table of every service's database (row
 * count and the md5 of its rows in order), and the standings. The audit log's records of refused attempts are left
 * out: recording a refusal is what a refused request is expected to do.
 */
record DataState(Map<String, String> tables, Map<UUID, GroundTruth.Counts> standings) {

    static DataState of(SystemUnderTest system) throws Exception {
        Map<String, String> tables = new TreeMap<>();
        for (Service service : Service.values()) {
            try (Connection c = system.database(service); Statement s = c.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select table_schema || '.' || table_name"
                        + " from information_schema.tables where table_type = 'BASE TABLE'"
                        + " and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String table : names) {
                    String refusalsLeftOut = table.endsWith(".audit_entry") ? " where coalesce(t.status, 0) < 400" : "";
                    try (ResultSet rs = s.executeQuery("select count(*) || ' rows ' || coalesce(md5(string_agg("
                            + "t::text, ',' order by t::text)), '') from " + table + " t" + refusalsLeftOut)) {
                        rs.next();
                        tables.put(service.database + ":" + table, rs.getString(1));
                    }
                }
            }
        }
        return new DataState(tables, GroundTruth.standings(system));
    }
}
