package vn.congdoan.sangkien.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class StrictJsonTest {

    record Body(String title, LocalDate validFrom) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void halfASurrogatePairIsRefusedNamingTheField() {
        InvalidFormatException refused = catchThrowableOfType(
                () -> json.readValue("{\"title\":\"A\\ud800B\"}", Body.class), InvalidFormatException.class);

        assertThat(refused.getPath().get(0).getFieldName()).isEqualTo("title");
        assertThat(refused.getOriginalMessage()).contains("surrogate");
    }

    @Test
    void wholeSurrogatePairsAndVietnameseTextAreKept() throws Exception {
        Body body = json.readValue("{\"title\":\"Sáng kiến \\ud83d\\udca1\"}", Body.class);

        assertThat(body.title()).isEqualTo("Sáng kiến \uD83D\uDCA1");
    }

    @Test
    void datesBeyondFourDigitYearsAreRefusedNamingTheField() throws Exception {
        for (String date : new String[] { "-5000-01-01", "+300000-01-01", "0000-12-31" }) {
            InvalidFormatException refused = catchThrowableOfType(
                    () -> json.readValue("{\"validFrom\":\"" + date + "\"}", Body.class), InvalidFormatException.class);

            assertThat(refused).as(date).isNotNull();
            assertThat(refused.getPath().get(0).getFieldName()).isEqualTo("validFrom");
        }
        assertThat(json.readValue("{\"validFrom\":\"9999-12-31\"}", Body.class).validFrom())
                .isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(json.readValue("{\"validFrom\":null}", Body.class).validFrom()).isNull();
    }
}
