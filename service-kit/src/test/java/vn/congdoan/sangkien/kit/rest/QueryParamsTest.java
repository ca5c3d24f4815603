package vn.congdoan.sangkien.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.kit.problem.ProblemException;

class QueryParamsTest {

    @Test
    void aDateBeyondFourDigitYearsIsA400NamingTheParameter() {
        for (String value : new String[] { "-999999999-01-01", "+999999999-12-31", "+10000-01-01", "0000-01-01" }) {
            ProblemException refused = catchThrowableOfType(() -> QueryParams.date("asOf", value),
                    ProblemException.class);

            assertThat(refused).as(value).isNotNull();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("asOf");
        }
        assertThat(QueryParams.date("asOf", "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(QueryParams.date("asOf", " ")).isNull();
    }
}
