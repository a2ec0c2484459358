package com.example.ecj;

import io.gradgen.Functions;
import io.gradgen.annotations.Differentiable;

/** Differentiable helpers: one number to one number, and a row to a row. */
public final class Smooth {
    /** ln 2, computed at class initialisation: private, so gradgen evaluates its initializer itself. */
    private static final double LOG_2 = Math.log(2);

    private Smooth() {
    }

    /** log(cosh(r)), written so that it never overflows. */
    @Differentiable
    public static double logCosh(double r) {
        double a = Math.abs(r);
        return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;
    }

    /** The softmax of a row, shifted by its maximum. */
    @Differentiable
    public static double[] softmax(double[] z) {
        double m = Functions.max(z);
        double[] e = new double[z.length];
        double sum = 0.0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - m);
            sum += e[i];
        }
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = e[i] / sum;
        }
        return p;
    }
}
