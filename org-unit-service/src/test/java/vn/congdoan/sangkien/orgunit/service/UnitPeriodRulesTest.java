package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A unit's days in force lie within its parent's; validTo is the first day no longer in force. */
class UnitPeriodRulesTest {

    @ParameterizedTest(name = "{0} to {1} under a parent {2} to {3}: {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "2020-01-01 | 2023-06-30 | NULL       | NULL       | NULL",
            "2020-01-01 | NULL       | 2020-01-01 | NULL       | NULL",
            "NULL       | NULL       | 2020-01-01 | NULL       | NULL",
            "2020-01-01 | 2023-06-30 | 2019-01-01 | 2023-06-30 | NULL",
            "2023-06-30 | 2023-06-30 | NULL       | NULL       | validTo",
            "2023-06-30 | 2023-01-01 | NULL       | NULL       | validTo",
            "2019-12-31 | NULL       | 2020-01-01 | NULL       | validFrom",
            "2020-01-01 | 2024-01-01 | NULL       | 2023-07-01 | validTo",
            "2020-01-01 | NULL       | NULL       | 2023-07-01 | validTo",
            "2023-07-01 | 2024-01-01 | NULL       | 2023-07-01 | parentCode",
            "2024-01-01 | NULL       | 2020-01-01 | 2023-07-01 | parentCode"})
    void aUnitLivesWithinItsParent(LocalDate from, LocalDate to, LocalDate parentFrom, LocalDate parentTo,
            String field) {
        UnitPeriodRules.Violation violation = UnitPeriodRules.check(from, to, "parentCode", "HT-KA", parentFrom,
                parentTo);
        if (field == null) {
            assertThat(violation).isNull();
        } else {
            assertThat(violation.field()).isEqualTo(field);
        }
    }
}
