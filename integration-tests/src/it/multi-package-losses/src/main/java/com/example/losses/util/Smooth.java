package com.example.losses.util;

import io.gradgen.annotations.Differentiable;

/** Helpers in a package of their own, called from losses elsewhere. */
public final class Smooth {

    public static final double LOG_2 = 0.6931471805599453;

    private Smooth() {}

    /** log(cosh(x)), finite for every x. */
    @Differentiable
    public static double logCosh(double x) {
        double a = Math.abs(x);
        return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;
    }
}
