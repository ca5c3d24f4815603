package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A unit import's row on its own: each unusable row is refused naming the field, the others pass. */
class ImportRowRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "HT-KA | Liên đoàn Lao động thị xã Kỳ Anh | DIRECT_SUPERIOR | 42 | NULL | NULL | NULL | NULL | NULL | NULL",
            "HT-KA-01 | Công đoàn cơ sở Formosa | GRASSROOTS | HT-KA | 5200 | 2022-04-15 | 2021-01-01 | NULL | NULL | NULL",
            "bad code! | Tên | GRASSROOTS | 42 | NULL | NULL | NULL | NULL | NULL | code",
            "C-1 | '' | GRASSROOTS | 42 | NULL | NULL | NULL | NULL | NULL | name",
            "C-1 | Tên | PROVINCIAL_FEDERATION | 42 | NULL | NULL | NULL | NULL | NULL | type",
            "C-1 | Tên | GRASSROOTS | NULL | NULL | NULL | NULL | NULL | NULL | parentCode",
            "C-1 | Tên | GRASSROOTS | 42 | -1 | NULL | NULL | NULL | NULL | memberCount",
            "C-1 | Tên | GRASSROOTS | 42 | nhiều | NULL | NULL | NULL | NULL | memberCount",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | 2022-02-30 | NULL | NULL | NULL | memberCountAsOf",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | 10000-01-01 | NULL | NULL | validFrom",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | 2020-01-01 | 2023-06-30 | NULL | NULL",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | 2020-01-01 | 2023-06-31 | NULL | validTo",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | 2020-01-01 | 10000-01-01 | NULL | validTo",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | NULL | NULL | PUBLIC_SERVICE_UNIT | NULL",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | NULL | NULL | HOSPITAL | sector",
            "C-1 | Tên | GRASSROOTS | 42 | 10 | NULL | NULL | NULL | public_service_unit | sector"})
    void aRowIsRefusedNamingTheFieldAtFault(String code, String name, String type, String parentCode,
            String memberCount, String memberCountAsOf, String validFrom, String validTo, String sector,
            String field) {
        String problem = ImportRowRules.checkRow(new ImportRow(code, name, type, parentCode, memberCount,
                memberCountAsOf, validFrom, validTo, sector));
        if (field == null) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem).startsWith(field + "|");
        }
    }
}
