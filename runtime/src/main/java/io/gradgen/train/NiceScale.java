package io.gradgen.train;

import java.util.Locale;

/**
 * An axis range widened to round tick values (1, 2 or 5 times a power of ten), and the labels of
 * those ticks, in the way of the "nice numbers" of Heckbert's <i>Graphics Gems</i> axis labelling.
 *
 * @param min the first tick, at or below the data's minimum
 * @param max the last tick, at or above the data's maximum
 * @param step the distance between ticks
 */
record NiceScale(double min, double max, double step) {

    /**
     * A scale covering {@code [lo, hi]} with about {@code targetTicks} ticks. An empty range is
     * widened around its value, so a constant curve still gets an axis.
     */
    static NiceScale covering(double lo, double hi, int targetTicks) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("NiceScale: need finite lo <= hi, got " + lo + ", " + hi);
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, targetTicks - 1));
        return new NiceScale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** A scale for integer data in {@code [0, last]} (epochs) with whole-number steps. */
    static NiceScale epochs(int last, int targetTicks) {
        int top = Math.max(1, last);
        double step = Math.max(1, niceStep((double) top / Math.max(1, targetTicks - 1)));
        return new NiceScale(0, Math.ceil(top / step) * step, step);
    }

    /** The smallest of 1, 2, 5, 10 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The tick values from {@link #min()} to {@link #max()}, computed as multiples of the step so they stay round. */
    double[] ticks() {
        long first = Math.round(min / step);
        long last = Math.round(max / step);
        double[] ticks = new double[(int) (last - first + 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = (first + i) * step;
        }
        return ticks;
    }

    /** A tick's label with as many decimals as the step needs ("0.25" for step 0.05, "100" for 50). */
    String label(double value) {
        double exponent = Math.floor(Math.log10(step));
        double largest = Math.max(Math.abs(min), Math.abs(max));
        if (exponent < -4 || largest >= 1e7) {
            // enough mantissa digits that neighbouring ticks differ (1.000000e+00, 1.000005e+00)
            int digits = (int) Math.max(1, Math.floor(Math.log10(largest)) - exponent);
            return String.format(Locale.ROOT, "%." + digits + "e", value);
        }
        int decimals = (int) Math.max(0, -exponent);
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;   // no "-0.0" from rounding
    }

    /** Where {@code value} falls between {@link #min()} (0) and {@link #max()} (1). */
    double fraction(double value) {
        return (value - min) / (max - min);
    }
}
