package io.gradgen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method as a loss: gradgen's annotation processor reads its body, derives the
 * gradient of every {@code double} and {@code double[]} parameter symbolically, and generates two
 * classes next to it, the forward {@code <Name>} (an {@code io.gradgen.LossFunction}) and the
 * hand-derived backward {@code <Name>Backward}.
 *
 * <pre>{@code
 * @Loss(reduction = Reduction.SUM)           // generates CustomLoss and CustomLossBackward
 * static double customLoss(double yPred, double yTrue) {
 *     return Math.pow(yPred - yTrue, 2);
 * }
 * }</pre>
 *
 * <p>The method stays an ordinary static method and can still be called directly. It returns the
 * loss of one batch position; {@link #reduction()} says how the generated class combines them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Loss {

    /**
     * How the per-position values are combined over the batch. {@link Reduction#MEAN} by default,
     * as in PyTorch.
     *
     * @return the reduction the generated forward applies
     */
    Reduction reduction() default Reduction.MEAN;

    /**
     * The simple name of the generated forward class. Empty (the default) means the method's name
     * in UpperCamelCase with {@code Loss} appended unless it already ends in {@code Loss}:
     * {@code huber} gives {@code HuberLoss}, {@code customLoss} gives {@code CustomLoss}.
     *
     * <pre>{@code @Loss(name = "RobustLoss") static double huber(double p, double t) { ... }}</pre>
     *
     * @return the generated class name, or empty for the derived one
     */
    String name() default "";
}
