package io.gradgen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} parameter of a loss as the batch position's index along the tensor's last
 * dimension, so that a {@code @Param double[]} can broadcast over that dimension the way PyTorch's
 * {@code BCELoss(weight)} and {@code BCEWithLogitsLoss(pos_weight)} do. No tensor is passed for
 * it: the generated loss supplies it, and checks that every row it indexes is as long as the last
 * dimension.
 *
 * <pre>{@code
 * @Loss
 * static double weightedBce(double x, double y, @Param double[] weight, @LastIndex int c) {
 *     return -weight[c] * (y * Math.log(x) + (1 - y) * Math.log(1 - x));
 * }
 * }</pre>
 *
 * <p>Called directly, the method takes the index like any other argument.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface LastIndex {
}
