package io.koor.gitops.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's plots, drawn as inline SVG: grouped bars and time series, a linear axis from 0 with
 * round ticks, a legend, and a {@code <title>} (the browser's tooltip) on every bar and point.
 * Every label passes through {@link Text#html}.
 */
final class SvgPlot {
    /** Okabe and Ito's colour-blind-safe palette, in their order. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000");
    /** More points than this in one series are drawn as medians of consecutive runs: the plot stays readable and small. */
    static final int MAX_POINTS = 400;
    private static final int WIDTH = 600;
    private static final int LEFT = 72;
    private static final int RIGHT = 40;
    private static final int PLOT_HEIGHT = 200;
    private static final int BOTTOM = 44;

    /** One time series: its name and its points, in time order. */
    record Series(String name, List<Instant> times, List<Double> values) {
    }

    private SvgPlot() {
    }

    /** Bars for each category (x) and series (colour); {@code values[series][category]}, null for no bar. */
    static String groupedBars(String title, String unit, List<String> categories, List<String> series, Double[][] values) {
        double max = 0;
        for (Double[] row : values) {
            for (Double v : row) {
                max = v == null ? max : Math.max(max, v);
            }
        }
        StringBuilder svg = new StringBuilder();
        int top = head(svg, title, series);
        double axisMax = niceMax(max);
        yAxis(svg, top, axisMax, unit);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double group = plotWidth / Math.max(1, categories.size());
        double bar = group * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * group + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Double v = values[s][c];
                if (v == null) {
                    continue;
                }
                double h = axisMax == 0 ? 0 : v / axisMax * PLOT_HEIGHT;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s %s</title></rect>%n",
                        x0 + s * bar, top + PLOT_HEIGHT - h, Math.max(1, bar - 1), h, color(s), Text.html(series.get(s)),
                        Text.html(categories.get(c)), Text.number(v), Text.html(unit)));
                if (bar >= 28) { // the value over its bar where it fits
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"value\">%s</text>%n",
                            x0 + s * bar + bar / 2, top + PLOT_HEIGHT - h - 3, Text.number(v)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n",
                    LEFT + c * group + group / 2, top + PLOT_HEIGHT + 16, Text.html(shorten(categories.get(c), (int) (group / 7)))));
        }
        return close(svg, top);
    }

    /** One line per series over time; a series of one run is a dot. */
    static String timeSeries(String title, String unit, List<Series> series) {
        List<Series> drawn = new ArrayList<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        double max = 0;
        for (Series s : series) {
            Series d = thin(s);
            drawn.add(d);
            for (int i = 0; i < d.times.size(); i++) {
                from = Math.min(from, d.times.get(i).getEpochSecond());
                to = Math.max(to, d.times.get(i).getEpochSecond());
                max = Math.max(max, d.values.get(i));
            }
        }
        if (from == Long.MAX_VALUE) {
            from = 0;
            to = 0;
        }
        if (to == from) { // one moment: a minute either side
            from -= 60;
            to += 60;
        }
        StringBuilder svg = new StringBuilder();
        int top = head(svg, title, series.stream().map(Series::name).toList());
        double axisMax = niceMax(max);
        yAxis(svg, top, axisMax, unit);
        double plotWidth = WIDTH - LEFT - RIGHT;
        for (int t = 0; t <= 4; t++) {
            long at = from + (to - from) * t / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n",
                    LEFT + plotWidth * t / 4, top + PLOT_HEIGHT + 16, Text.tick(Instant.ofEpochSecond(at), to - from)));
        }
        for (int s = 0; s < drawn.size(); s++) {
            Series d = drawn.get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < d.times.size(); i++) {
                double x = LEFT + plotWidth * (d.times.get(i).getEpochSecond() - from) / (to - from);
                double y = top + PLOT_HEIGHT - (axisMax == 0 ? 0 : d.values.get(i) / axisMax * PLOT_HEIGHT);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %s: %s %s</title></circle>%n",
                        x, y, color(s), Text.html(d.name), Text.time(d.times.get(i)), Text.number(d.values.get(i)), Text.html(unit)));
            }
            if (d.times.size() > 1) {
                svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color(s)).append("\" points=\"")
                        .append(points.toString().strip()).append("\"/>\n");
            }
            svg.append(dots);
        }
        return close(svg, top);
    }

    /** At most {@link #MAX_POINTS}: consecutive runs in equal chunks, each drawn at its middle run's time with its median. */
    static Series thin(Series s) {
        int n = s.times.size();
        if (n <= MAX_POINTS) {
            return s;
        }
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int chunk = 0; chunk < MAX_POINTS; chunk++) {
            int from = (int) ((long) chunk * n / MAX_POINTS);
            int to = (int) ((long) (chunk + 1) * n / MAX_POINTS);
            times.add(s.times.get((from + to - 1) / 2));
            values.add(BenchmarkStats.median(s.values.subList(from, to).stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return new Series(s.name, times, values);
    }

    /** The smallest of 1, 2, 2.5 and 5 times a power of ten with at most 5 steps up to {@code max}, times 5. */
    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max / 5)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude * 5 >= max) {
                return step * magnitude * 5;
            }
        }
        return 10 * magnitude * 5;
    }

    private static String color(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    /** Title and legend rows; returns where the plot area starts. */
    private static int head(StringBuilder svg, String title, List<String> series) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"title\">%s</text>%n", LEFT, Text.html(title)));
        int x = LEFT;
        int y = 38;
        for (int s = 0; s < series.size(); s++) {
            String name = shorten(series.get(s), 40);
            int width = 22 + name.length() * 7 + 16;
            if (x + width > WIDTH - RIGHT && x > LEFT) {
                x = LEFT;
                y += 18;
            }
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>%n", x, y - 10, color(s), x + 16, y, Text.html(name)));
            x += width;
        }
        return y + 16;
    }

    private static void yAxis(StringBuilder svg, int top, double axisMax, String unit) {
        for (int t = 0; t <= 5; t++) {
            double v = axisMax * t / 5;
            double y = top + PLOT_HEIGHT - PLOT_HEIGHT * t / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, Text.number(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"tick\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                top + PLOT_HEIGHT / 2, top + PLOT_HEIGHT / 2, Text.html(unit)));
    }

    private static String close(StringBuilder body, int top) {
        int height = top + PLOT_HEIGHT + BOTTOM;
        return String.format(Locale.ROOT, "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\">%n", WIDTH, height, WIDTH, height) + body
                + String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>%n", LEFT, WIDTH - RIGHT,
                        top + PLOT_HEIGHT, top + PLOT_HEIGHT)
                + "</svg>\n";
    }

    private static String shorten(String s, int max) {
        int limit = Math.max(4, max);
        return s.length() <= limit ? s : s.substring(0, limit - 1) + "\u2026";
    }
}
