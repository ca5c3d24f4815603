package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteRatiosTest {

    private static final Instant FIRST = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theP99RateIsFortyPerCentOfPgbenchInItsPlaceAmongTheRates() {
        assertThat(WriteRatios.p99Rate(3_172)).isEqualTo(1_270);
        assertThat(WriteRatios.withP99Rate(List.of(500, 1000, 1500), 3_172)).containsExactly(500, 1000, 1270, 1500);
        assertThat(WriteRatios.withP99Rate(List.of(500, 1000, 1500), 2_500)).containsExactly(500, 1000, 1500);
        assertThat(WriteRatios.withP99Rate(List.of(500, 1000), Double.NaN)).containsExactly(500, 1000);
    }

    @Test
    void eachRatioIsStatedWithWhetherItIsMet() {
        List<String[]> met = WriteRatios.summary(new WriteRatios.Figures(3_000, true, 3_900, 19_000, 1_560, 31.5));
        assertThat(met).extracting(r -> r[1]).containsExactly("77 % (3,000 vs 3,900/s)", "31.5 ms",
                "15.8 % (3,000 vs 19,000/s)");
        assertThat(met).extracting(r -> r[3]).containsOnly("yes");

        List<String[]> missed = WriteRatios.summary(new WriteRatios.Figures(1_395, false, 3_172, 20_931, 1_270, 76.7));
        assertThat(missed).extracting(r -> r[1]).containsExactly("at least 44 % (1,395 vs 3,172/s)", "76.7 ms",
                "at least 6.7 % (1,395 vs 20,931/s)");
        assertThat(missed).extracting(r -> r[3]).containsOnly("**no**");
    }

    @Test
    void aShortRunComparesItselfWithTheNewestFullRunOrSaysItCannot() throws Exception {
        WriteRatios.Figures full = new WriteRatios.Figures(3_000, true, 4_000, 20_000, 1_600, 20);
        String alone = WriteRatios.keepAndCompare(dir, full, Duration.ofSeconds(15), FIRST);
        assertThat(alone).contains("cannot say");

        assertThat(WriteRatios.keepAndCompare(dir, full, Duration.ofSeconds(20), FIRST.plusSeconds(60))).isEmpty();
        WriteRatios.Figures close = new WriteRatios.Figures(2_800, true, 4_000, 20_000, 1_600, 25);
        assertThat(WriteRatios.keepAndCompare(dir, close, Duration.ofSeconds(15), FIRST.plusSeconds(120)))
                .contains("2026-01-05T10:01:00Z").contains("both within 10 %");
        WriteRatios.Figures far = new WriteRatios.Figures(2_000, true, 4_000, 20_000, 1_600, 25);
        assertThat(WriteRatios.keepAndCompare(dir, far, Duration.ofSeconds(15), FIRST.plusSeconds(180)))
                .contains("not within 10 %");
    }

    @Test
    void runsWithoutTheBaselinesAreNeitherComparedWithNorCountedAsDiffering() throws Exception {
        WriteRatios.Figures full = new WriteRatios.Figures(3_000, true, 4_000, 20_000, 1_600, 20);
        WriteRatios.Figures noBaselines = new WriteRatios.Figures(3_000, true, Double.NaN, Double.NaN, 0, Double.NaN);
        WriteRatios.keepAndCompare(dir, full, Duration.ofSeconds(20), FIRST);
        WriteRatios.keepAndCompare(dir, noBaselines, Duration.ofSeconds(20), FIRST.plusSeconds(60));

        WriteRatios.Figures close = new WriteRatios.Figures(2_800, true, 4_000, 20_000, 1_600, 25);
        assertThat(WriteRatios.keepAndCompare(dir, close, Duration.ofSeconds(15), FIRST.plusSeconds(120)))
                .contains("2026-01-05T10:00:00Z").contains("both within 10 %");
        assertThat(WriteRatios.keepAndCompare(dir, noBaselines, Duration.ofSeconds(15), FIRST.plusSeconds(180)))
                .contains("without the baselines").contains("cannot say").doesNotContain("not within");
        assertThat(Files.readAllLines(dir.resolve("ratios.tsv")).get(0)).endsWith("p99 ms at 40 % of pgbench");
    }
}
