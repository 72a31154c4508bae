package dev.locus.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to pixels along one chart axis and picks round ticks. A linear axis starts
 * at zero (so heights compare honestly) and steps by 1, 2 or 5 × 10^k; a log axis spans whole
 * decades, with 2× and 5× ticks too when it spans at most two.
 */
final class Scale {

    /** Ticks a linear axis aims for. */
    private static final int TARGET_TICKS = 5;

    private final double lo;
    private final double hi;
    private final boolean log;
    private final double pixelLo;
    private final double pixelHi;

    private Scale(double lo, double hi, boolean log, double pixelLo, double pixelHi) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.pixelLo = pixelLo;
        this.pixelHi = pixelHi;
    }

    /** A scale covering {@code values}, drawn from pixel {@code pixelLo} (low values) to {@code pixelHi}. */
    static Scale of(double[] values, boolean log, double pixelLo, double pixelHi) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            min = log ? 1 : 0;
            max = log ? 10 : 1;
        }
        if (log) {
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            return new Scale(lo, hi > lo ? hi : lo * 10, true, pixelLo, pixelHi);
        }
        double lo = Math.min(0, min);
        double step = step((max - lo) * 1.05);
        double hi = Math.max(step, Math.ceil(max * 1.05 / step) * step);
        return new Scale(lo, hi, false, pixelLo, pixelHi);
    }

    /** The 1-2-5 step that cuts {@code span} into about {@link #TARGET_TICKS} parts. */
    static double step(double span) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / TARGET_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The pixel of {@code value}. */
    double map(double value) {
        double t = log ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (value - lo) / (hi - lo);
        return pixelLo + t * (pixelHi - pixelLo);
    }

    /** Tick values, low to high. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            boolean minor = Math.log10(hi / lo) <= 2.01;
            for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
                ticks.add(decade);
                if (minor && decade * 2 < hi) {
                    ticks.add(decade * 2);
                    ticks.add(decade * 5);
                }
            }
            return ticks;
        }
        double step = step(hi - lo);
        for (double t = lo; t <= hi + step * 1e-6; t += step) {
            ticks.add(Math.round(t / step) * step);
        }
        return ticks;
    }

    /** A short tick label: 5k, 250, 2.5, 0.01. */
    static String label(double value) {
        if (value >= 1000 && value % 1000 == 0) {
            return label(value / 1000) + "k";
        }
        BigDecimal rounded = new BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }
}
