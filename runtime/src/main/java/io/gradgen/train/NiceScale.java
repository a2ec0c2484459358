package io.gradgen.train;

import java.util.Locale;

/**
 * An axis range, usually widened to round tick values (1, 2 or 5 times a power of ten), and the labels of
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
        // the tolerance keeps a bound that is a multiple of the step up to rounding from gaining a tick
        return new NiceScale(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
    }

    /**
     * A scale for the epochs {@code 0..last}, ending at the last epoch itself (no empty margin on
     * the right) with whole-number ticks; a single epoch sits in the middle of its axis.
     */
    static NiceScale epochs(int last, int targetTicks) {
        if (last == 0) {
            return new NiceScale(-0.5, 0.5, 1);
        }
        double step = Math.max(1, niceStep((double) last / Math.max(1, targetTicks - 1)));
        return new NiceScale(0, last, step);
    }

    /** {@code raw} rounded to 1, 2, 5 or 10 times a power of ten (Heckbert's rounding thresholds). */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** The multiples of the step from {@link #min()} to {@link #max()}, computed as such so they stay round. */
    double[] ticks() {
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
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
