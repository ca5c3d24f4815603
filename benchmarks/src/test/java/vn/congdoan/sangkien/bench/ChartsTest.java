package vn.congdoan.sangkien.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final int FIRST_SERIES = 0x1f77b4;
    private static final int SECOND_SERIES = 0xd62728;

    @TempDir
    Path dir;

    @Test
    void lineChartIsAPngWithEachSeriesDrawn() throws Exception {
        Path file = dir.resolve("charts/line.png");

        Charts.line(file, "POST latency", "rate", "ms", List.of(
                new Charts.Series("p50", new double[] { 250, 500, 1000 }, new double[] { 1.2, 1.5, 3.0 }),
                new Charts.Series("p99", new double[] { 250, 500, 1000 }, new double[] { 4, 9, 40 })),
                List.of(new Charts.Marker(500, "500/s")), true);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(count(image, FIRST_SERIES)).isGreaterThan(100);
        assertThat(count(image, SECOND_SERIES)).isGreaterThan(100);
    }

    @Test
    void barChartGrowsWithItsCategoriesAndLeavesMissingValuesOut() throws Exception {
        Path two = dir.resolve("two.png");
        Path four = dir.resolve("four.png");

        Charts.bars(two, "Latency", "ms", List.of("a", "b"), List.of("p50", "p99"),
                new double[][] { { 1, 2 }, { Double.NaN, Double.NaN } }, true);
        Charts.bars(four, "Latency", "ms", List.of("a", "b", "c", "d"), List.of("p50", "p99"),
                new double[][] { { 1, 2, 3, 4 }, { 10, 20, 30, 40 } }, true);

        BufferedImage small = ImageIO.read(two.toFile());
        BufferedImage large = ImageIO.read(four.toFile());
        assertThat(large.getHeight()).isGreaterThan(small.getHeight());
        assertThat(count(small, FIRST_SERIES)).isGreaterThan(100);
        // Only the legend's swatch shows the second series when all its values are missing.
        assertThat(count(small, SECOND_SERIES)).isLessThan(count(large, SECOND_SERIES) / 4);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
