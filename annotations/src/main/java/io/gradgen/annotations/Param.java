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
 * {@code @Param} has no default. An {@code int} default must be a whole number.
 *
 * <p>Each constant {@code p} also gives the generated loss an immutable copy {@code withP(value)}
 * ({@code new HuberLoss().withDelta(0.5)}), which keeps the other constants and the reduction.
 *
 * <p>{@code @Param(1.0) double[] weight} is an optional row, PyTorch's {@code weight=None}: the
 * generated constructors without it, and {@code withWeight(null)}, leave it out, and then every
 * element the body reads is the default number. The processor derives the loss with that number
 * folded in, so a loss whose weight was left out runs kernels that read no weight; given a row, the
 * weighted kernels run. A left-out row has no length, so the body may read such a row only by element. A {@code boolean} flag is {@code false} unless
 * written {@code @Param(1)}, like PyTorch's flags ({@code log_target}, {@code swap}).
 *
 * <p>A constant may state the values it accepts, which the generated constructor checks (an
 * {@code IllegalArgumentException} naming the loss, the constant, its value and the allowed range),
 * as PyTorch checks its options:
 * <pre>{@code
 * @Param(value = 1.0, min = 0, exclusiveMin = true) double delta       // delta > 0
 * @Param(value = 0.0, min = 0, max = 1) double labelSmoothing           // 0 ≤ labelSmoothing ≤ 1
 * @Param(value = 1, oneOf = {1, 2}) int p                              // p is 1 or 2
 * @Param(min = 0) double[] weight                                       // every element ≥ 0
 * }</pre>
 * A bound applies to every element of a {@code double[]} constant, and a NaN is always outside a
 * stated range. The processor reports a default outside its own range at compile time.
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

    /**
     * The smallest allowed value (inclusive unless {@link #exclusiveMin()}); no lower bound by default.
     *
     * @return the lower bound
     */
    double min() default Double.NEGATIVE_INFINITY;

    /**
     * The largest allowed value (inclusive unless {@link #exclusiveMax()}); no upper bound by default.
     *
     * @return the upper bound
     */
    double max() default Double.POSITIVE_INFINITY;

    /**
     * Whether {@link #min()} itself is excluded ({@code delta > 0} rather than {@code delta ≥ 0}).
     *
     * @return whether the lower bound is strict
     */
    boolean exclusiveMin() default false;

    /**
     * Whether {@link #max()} itself is excluded.
     *
     * @return whether the upper bound is strict
     */
    boolean exclusiveMax() default false;

    /**
     * The only values allowed, when not empty ({@code oneOf = {1, 2}}); combined with any bounds.
     *
     * @return the allowed values
     */
    double[] oneOf() default {};
}
