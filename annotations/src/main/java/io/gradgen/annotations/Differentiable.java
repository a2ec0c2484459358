package io.gradgen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static helper method that {@link Loss} methods may call: the processor reads its body
 * and differentiates through it, as if it had been written inline. Its body follows the same
 * rules as a loss body; it must not call itself, directly or through other helpers.
 *
 * <pre>{@code
 * @Differentiable
 * static double logCosh(double x) {
 *     return Math.abs(x) + Math.log1p(Math.exp(-2 * Math.abs(x))) - Math.log(2);
 * }
 *
 * @Loss
 * static double logCoshLoss(double pred, double target) {
 *     return logCosh(pred - target);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
}
