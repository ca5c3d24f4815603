package vn.congdoan.sangkien.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/** Line and bar charts drawn with Java2D (headless) into PNG files: nothing to install. */
final class Charts {

    private static final int WIDTH = 1000;
    private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f) };
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    /** One line of a line chart. */
    record Series(String name, double[] x, double[] y) {
    }

    /** A vertical marker on a line chart. */
    record Marker(double x, String label) {
    }

    private Charts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static void line(Path file, String title, String xLabel, String yLabel, List<Series> series, List<Marker> markers,
            boolean logY) throws IOException {
        int height = 560;
        int left = 80;
        int right = 30;
        int top = 70;
        int bottom = 60;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMax = 0;
        double yMin = Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
                if (s.y()[i] > 0) {
                    yMin = Math.min(yMin, s.y()[i]);
                }
            }
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 0;
            xMax = 1;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        Axis x = Axis.linear(xMin, xMax, left, WIDTH - right);
        Axis y = logY ? Axis.log(yMin == Double.MAX_VALUE ? 0.1 : yMin, Math.max(yMax, 1), height - bottom, top)
                : Axis.linear(0, Math.max(yMax * 1.05, 1), height - bottom, top);
        frame(g, x, y, left, top, WIDTH - right, height - bottom, xLabel, yLabel, true);
        g.setFont(FONT);
        for (Marker m : markers) {
            int px = x.pixel(m.x());
            g.setColor(new Color(0xbbbbbb));
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 4, 4 }, 0));
            g.drawLine(px, top, px, height - bottom);
            g.setColor(Color.DARK_GRAY);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, px + 12, top + 4);
            g.drawString(m.label(), px + 12 - g.getFontMetrics().stringWidth(m.label()), top + 4);
            g.setTransform(saved);
        }
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setColor(PALETTE[i % PALETTE.length]);
            Path2D path = new Path2D.Double();
            boolean started = false;
            for (int j = 0; j < s.x().length; j++) {
                if (logY && s.y()[j] <= 0) {
                    started = false;
                    continue;
                }
                double px = x.pixel(s.x()[j]);
                double py = y.pixel(s.y()[j]);
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
                if (s.x().length <= 40) {
                    g.fillOval((int) px - 3, (int) py - 3, 7, 7);
                }
            }
            g.draw(path);
        }
        legend(g, series.stream().map(Series::name).toList(), left, 52);
        write(image, file);
    }

    /**
     * Horizontal bars: one group per category (a row), one bar per series in it.
     *
     * @param values {@code values[series][category]}; NaN leaves a bar out
     */
    static void bars(Path file, String title, String valueLabel, List<String> categories, List<String> seriesNames,
            double[][] values, boolean logScale) throws IOException {
        int barHeight = 9;
        int groupHeight = seriesNames.size() * barHeight + 12;
        int top = 60 + 22;
        int bottom = 55;
        int height = top + bottom + categories.size() * groupHeight;
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        measure.setFont(FONT);
        int labelWidth = 0;
        for (String c : categories) {
            labelWidth = Math.max(labelWidth, measure.getFontMetrics().stringWidth(c));
        }
        int left = Math.min(labelWidth + 20, WIDTH / 2);
        int right = 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    if (v > 0) {
                        min = Math.min(min, v);
                    }
                }
            }
        }
        Axis x = logScale ? Axis.log(min == Double.MAX_VALUE ? 0.1 : min, Math.max(max, 1), left, WIDTH - right)
                : Axis.linear(0, Math.max(max * 1.05, 1), left, WIDTH - right);
        Axis none = Axis.linear(0, 1, height - bottom, top);
        frame(g, x, none, left, top, WIDTH - right, height - bottom, valueLabel, null, false);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            int groupTop = top + c * groupHeight + 6;
            g.setColor(Color.BLACK);
            String label = categories.get(c);
            g.drawString(label, left - 8 - fm.stringWidth(label), groupTop + (groupHeight - 12) / 2 + fm.getAscent() / 2);
            for (int s = 0; s < seriesNames.size(); s++) {
                double v = values[s][c];
                if (Double.isNaN(v) || (logScale && v <= 0)) {
                    continue;
                }
                g.setColor(PALETTE[s % PALETTE.length]);
                int end = x.pixel(v);
                g.fillRect(left + 1, groupTop + s * barHeight, Math.max(1, end - left - 1), barHeight - 1);
            }
        }
        legend(g, seriesNames, left, 56);
        write(image, file);
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, 20, 30);
        return g;
    }

    /** A light line across the plot at a tick; the tick's label is drawn after it, in dark grey. */
    private static void gridLine(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.setColor(new Color(0xeeeeee));
        g.drawLine(x1, y1, x2, y2);
        g.setColor(Color.DARK_GRAY);
    }

    private static void frame(Graphics2D g, Axis x, Axis y, int left, int top, int right, int bottom, String xLabel,
            String yLabel, boolean yTicks) {
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int labelledUpTo = Integer.MIN_VALUE;
        for (double t : x.ticks()) {
            int px = x.pixel(t);
            gridLine(g, px, top, px, bottom);
            String label = Axis.format(t);
            int from = px - fm.stringWidth(label) / 2;
            if (from > labelledUpTo + 8) {
                g.drawString(label, from, bottom + 18);
                labelledUpTo = from + fm.stringWidth(label);
            }
        }
        if (yTicks) {
            for (double t : y.ticks()) {
                int py = y.pixel(t);
                gridLine(g, left, py, right, py);
                String label = Axis.format(t);
                g.drawString(label, left - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
            }
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.drawString(xLabel, (left + right) / 2 - fm.stringWidth(xLabel) / 2, bottom + 40);
        if (yLabel != null) {
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(top + bottom) / 2 - fm.stringWidth(yLabel) / 2, 18);
            g.setTransform(saved);
        }
    }

    /** The series' names in one row under the title. */
    private static void legend(Graphics2D g, List<String> names, int x, int y) {
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int at = x;
        for (int i = 0; i < names.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(at, y - 10, 16, 10);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), at + 22, y);
            at += 22 + fm.stringWidth(names.get(i)) + 24;
        }
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Maps values to pixels, linearly or on a log10 scale. */
    private record Axis(double min, double max, int from, int to, boolean log) {

        static Axis linear(double min, double max, int from, int to) {
            return new Axis(min, max, from, to, false);
        }

        static Axis log(double min, double max, int from, int to) {
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            return new Axis(lo, hi == lo ? lo * 10 : hi, from, to, true);
        }

        int pixel(double value) {
            double share = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return (int) Math.round(from + share * (to - from));
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double decade = min; decade <= max * 1.0001; decade *= 10) {
                    for (int m : new int[] { 1, 2, 5 }) {
                        if (decade * m <= max * 1.0001) {
                            ticks.add(decade * m);
                        }
                    }
                }
                return ticks;
            }
            double raw = (max - min) / 8;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / magnitude < 2 ? 2 * magnitude : raw / magnitude < 5 ? 5 * magnitude : 10 * magnitude;
            for (double t = Math.ceil(min / step) * step; t <= max + step / 1000; t += step) {
                ticks.add(t);
            }
            return ticks;
        }

        static String format(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e9) {
                return "%,d".formatted((long) value);
            }
            return value >= 1 ? "%.1f".formatted(value) : "%.2g".formatted(value);
        }
    }
}
