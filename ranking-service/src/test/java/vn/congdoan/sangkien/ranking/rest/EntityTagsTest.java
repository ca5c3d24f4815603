package vn.congdoan.sangkien.ranking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void theWeakComparisonMatchesAWeakTagWithTheSameOpaquePart() {
        assertThat(EntityTags.noneMatchNames("\"abc\"", "abc")).isTrue();
        assertThat(EntityTags.noneMatchNames("W/\"abc\"", "abc")).isTrue();
        assertThat(EntityTags.noneMatchNames("W/\"abd\"", "abc")).isFalse();
    }

    @Test
    void anyTagOfAListOrAStarMatches() {
        assertThat(EntityTags.noneMatchNames("\"x\", W/\"y\",\"abc\"", "abc")).isTrue();
        assertThat(EntityTags.noneMatchNames("\"x\",W/\"y\"", "abc")).isFalse();
        assertThat(EntityTags.noneMatchNames(" * ", "abc")).isTrue();
    }

    @Test
    void aTagWithoutQuotesIsReadToTheNextCommaAndAnUnclosedQuoteMatchesNothing() {
        assertThat(EntityTags.noneMatchNames("abc", "abc")).isTrue();
        assertThat(EntityTags.noneMatchNames("x, abc", "abc")).isTrue();
        assertThat(EntityTags.noneMatchNames("\"abc", "abc")).isFalse();
        assertThat(EntityTags.noneMatchNames("", "abc")).isFalse();
    }
}
