package com.example.losses.robust;

import static io.gradgen.Functions.*;

import com.example.losses.util.Smooth;
import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

/** Robust losses, one of them through a helper in another package. */
public final class RobustLosses {

    private RobustLosses() {}

    @Loss(reduction = Reduction.NONE)
    public static double logCosh(double pred, double target) {
        return Smooth.logCosh(pred - target);
    }

    @Loss(name = "Welsch")
    public static double welsch(double pred, double target, @Param double c) {
        return c * c / 2 * (1 - Math.exp(-sq((pred - target) / c)));
    }
}
