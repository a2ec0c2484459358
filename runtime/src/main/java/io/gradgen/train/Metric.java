package io.gradgen.train;

import io.gradgen.Tensor;

/**
 * A number that scores a model's predictions against their targets, computed once per epoch on
 * the validation data (see {@link Training#metric(String, Metric)}). A functional interface, so
 * a lambda is a metric:
 *
 * <pre>{@code
 * .metric("mse", (prediction, target) -> prediction.sub(target).pow(2).mean().item())
 * }</pre>
 *
 * <p>{@link Metrics} has the common ones: {@link Metrics#accuracy()}, {@link Metrics#mae()},
 * {@link Metrics#rmse()}.
 */
@FunctionalInterface
public interface Metric {

    /**
     * Scores predictions. {@link Training#fit()} calls it with grad mode disabled, on the whole
     * validation set (or the whole training set when there is no validation data).
     *
     * @param prediction the model's output, {@code model.forward(x)}
     * @param target the targets given with {@code x}, as given to the loss
     * @return the score; NaN is allowed and recorded as is
     * @throws IllegalArgumentException if the shapes do not fit this metric
     */
    double compute(Tensor prediction, Tensor target);
}
