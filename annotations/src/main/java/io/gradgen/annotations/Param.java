package io.gradgen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a loss parameter as a constant of the generated loss class rather than a tensor input: it
 * is given once to the generated constructor (in declaration order) and is never differentiated.
 * It may be a {@code double}, an {@code int}, a {@code double[]} or a {@code boolean} flag.
 *
 * <pre>{@code
 * @Loss
 * static double huber(double pred, double target, @Param(1.0) double delta) { ... }
 *
 * new HuberLoss();      // delta = 1.0, the default
 * new HuberLoss(0.5);   // delta = 0.5
 * }</pre>
 *
 * <p>Writing a value ({@code @Param(1.0)}) gives the constant a default, which makes the
 * generated no-argument constructor available when every constant has one. A plain
 * {@code @Param} has no default. Defaults exist for {@code double} and {@code int} constants;
 * an {@code int} default must be a whole number. A {@code boolean} flag is {@code false} unless
 * written {@code @Param(1)}, like PyTorch's flags ({@code log_target}, {@code swap}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Param {

    /**
     * The default value of the constant. Only an explicitly written value counts as a default;
     * leaving it out means the constant has none and must be passed to the constructor.
     *
     * @return the default value
     */
    double value() default Double.NaN;
}
