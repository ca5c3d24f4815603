package vn.congdoan.sangkien.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyLimitTest {

    @Test
    void aContentLengthIsReadOnlyWhenItIsAPlainNumber() {
        assertThat(BodyLimit.declared("20971521")).isEqualTo(20_971_521L);
        assertThat(BodyLimit.declared("0")).isZero();
        assertThat(BodyLimit.declared("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void anythingElseDeclaresNoLength() {
        assertThat(BodyLimit.declared(null)).isEqualTo(-1);
        assertThat(BodyLimit.declared("")).isEqualTo(-1);
        assertThat(BodyLimit.declared("-5")).isEqualTo(-1);
        assertThat(BodyLimit.declared("12 ")).isEqualTo(-1);
        assertThat(BodyLimit.declared("1e9")).isEqualTo(-1);
        assertThat(BodyLimit.declared("9999999999999999999")).as("19 digits overflow a long").isEqualTo(-1);
    }
}
