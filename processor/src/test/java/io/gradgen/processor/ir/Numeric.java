package io.gradgen.processor.ir;

import java.util.HashMap;
import java.util.Map;

/** Central differences over {@link Eval}, with a check for kinks and singularities near the point. */
public final class Numeric {
    public static final double H = 1e-6;

    private Numeric() {
    }

    /** (f(x + h) − f(x − h)) / 2h in the variable {@code name}. */
    public static double central(Expr e, Map<String, Double> at, String name, double h) {
        Map<String, Double> plus = new HashMap<>(at);
        Map<String, Double> minus = new HashMap<>(at);
        plus.put(name, at.get(name) + h);
        minus.put(name, at.get(name) - h);
        return (Eval.eval(e, plus) - Eval.eval(e, minus)) / (2 * h);
    }

    /**
     * The numeric derivative at {@code at}, or NaN when the point is unusable: the function is not
     * finite around it, or the differences at h and h/10 disagree (a kink or a singularity is near).
     */
    public static double smoothDerivative(Expr e, Map<String, Double> at, String name) {
        double h = H * Math.max(1, Math.abs(at.get(name)));
        double coarse = central(e, at, name, h);
        double fine = central(e, at, name, h / 10);
        if (!Double.isFinite(Eval.eval(e, at)) || !Double.isFinite(coarse) || !Double.isFinite(fine)) {
            return Double.NaN;
        }
        if (Math.abs(coarse - fine) > 1e-3 * Math.max(1, Math.abs(coarse))) {
            return Double.NaN;
        }
        return coarse;
    }

    public static boolean close(double analytic, double numeric, double tolerance) {
        return Math.abs(analytic - numeric) <= tolerance * Math.max(1, Math.abs(numeric));
    }
}
