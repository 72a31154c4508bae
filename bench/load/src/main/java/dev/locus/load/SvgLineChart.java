package dev.locus.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, dependency-free line chart in SVG: title, axes with units, gridlines at round
 * ticks (1-2-5 steps, or decades on a log axis), one coloured line with point markers per
 * series (dashed if asked), and a legend to the right. Colours are the Okabe–Ito palette,
 * readable by colour-blind readers; dashes tell series apart in grey print.
 */
public final class SvgLineChart {

    /** One data point. */
    public record Point(double x, double y) {
    }

    /**
     * A named line.
     *
     * @param colour index into the palette; series that belong together (p50 and p99 of one mode)
     *               share one, and are told apart by {@code dashed}; -1 = by position
     */
    public record Series(String name, List<Point> points, boolean dashed, int colour) {

        /** A line coloured by its position. */
        public Series(String name, List<Point> points, boolean dashed) {
            this(name, points, dashed, -1);
        }
    }

    /** An axis: its label (with unit) and whether it is logarithmic (base 10). */
    public record Axis(String label, boolean log) {
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 440;
    private static final int LEFT = 78;
    private static final int RIGHT = 230;
    private static final int TOP = 48;
    private static final int BOTTOM = 62;
    private static final String[] COLOURS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
        "#000000", "#F0E442"};

    private SvgLineChart() {
    }

    /** Renders the chart; points that cannot be drawn (NaN, or ≤ 0 on a log axis) are left out. */
    public static String render(String title, Axis xAxis, Axis yAxis, List<Series> series) {
        List<Series> drawable = series.stream().map(s -> new Series(s.name(), s.points().stream()
                .filter(p -> drawable(p.x(), xAxis) && drawable(p.y(), yAxis)).toList(), s.dashed(),
                s.colour() >= 0 ? s.colour() : series.indexOf(s)))
                .filter(s -> !s.points().isEmpty()).toList();
        Scale x = Scale.of(drawable.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).toArray(),
                xAxis.log(), LEFT, WIDTH - RIGHT);
        Scale y = Scale.of(drawable.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).toArray(),
                yAxis.log(), HEIGHT - BOTTOM, TOP);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, HEIGHT));
        text(svg, LEFT, 28, "start", "font-size=\"16\" font-weight=\"bold\"", title);
        grid(svg, x, y);
        axisLabels(svg, xAxis, yAxis);
        for (int i = 0; i < drawable.size(); i++) {
            line(svg, drawable.get(i), colour(drawable.get(i)), x, y);
        }
        legend(svg, drawable);
        if (drawable.isEmpty()) {
            text(svg, (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT / 2.0, "middle", "fill=\"#666666\"", "no data");
        }
        return svg.append("</svg>\n").toString();
    }

    private static boolean drawable(double v, Axis axis) {
        return Double.isFinite(v) && (!axis.log() || v > 0);
    }

    private static void grid(StringBuilder svg, Scale x, Scale y) {
        for (double t : x.ticks()) {
            double px = x.map(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>%n",
                    px, TOP, px, HEIGHT - BOTTOM));
            text(svg, px, HEIGHT - BOTTOM + 18, "middle", "", Scale.label(t));
        }
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT, py, WIDTH - RIGHT, py));
            text(svg, LEFT - 8, py + 4, "end", "", Scale.label(t));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#333333\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
    }

    private static void axisLabels(StringBuilder svg, Axis xAxis, Axis yAxis) {
        String xLabel = xAxis.label() + (xAxis.log() ? " (log scale)" : "");
        String yLabel = yAxis.label() + (yAxis.log() ? " (log scale)" : "");
        text(svg, (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 18, "middle", "font-size=\"13\"", xLabel);
        double cy = (TOP + HEIGHT - BOTTOM) / 2.0;
        text(svg, 20, cy, "middle", String.format(Locale.ROOT, "font-size=\"13\" transform=\"rotate(-90 20 %.1f)\"", cy),
                yLabel);
    }

    private static void line(StringBuilder svg, Series series, String colour, Scale x, Scale y) {
        List<String> coords = new ArrayList<>();
        for (Point p : series.points()) {
            coords.add(String.format(Locale.ROOT, "%.1f,%.1f", x.map(p.x()), y.map(p.y())));
        }
        svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" points=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"2\"%s/>%n", String.join(" ", coords), colour, dash(series)));
        for (String c : coords) {
            String[] xy = c.split(",");
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"/>%n", xy[0], xy[1],
                    colour));
        }
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        int x = WIDTH - RIGHT + 16;
        for (int i = 0; i < series.size(); i++) {
            int y = TOP + 10 + i * 20;
            String colour = colour(series.get(i));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>%n", x, y, x + 24, y, colour, dash(series.get(i))));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>%n", x + 12, y, colour));
            text(svg, x + 32, y + 4, "start", "class=\"legend\"", series.get(i).name());
        }
    }

    private static String colour(Series series) {
        return COLOURS[Math.max(0, series.colour()) % COLOURS.length];
    }

    private static String dash(Series series) {
        return series.dashed() ? " stroke-dasharray=\"6 4\"" : "";
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String text) {
        String fill = attributes.contains("fill=") ? "" : " fill=\"#222222\"";
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s %s>%s</text>%n",
                x, y, anchor, fill, attributes, escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
