/**
 * A fluent description of a training run, the loop PyTorch users write by hand, in one
 * expression: {@link io.gradgen.train.Training#of(io.gradgen.nn.Module) Training.of(model)}, then
 * the loss, the optimizer, the data, batching, shuffling, epochs, validation data,
 * {@link io.gradgen.train.Metrics metrics}, early stopping and callbacks, then
 * {@link io.gradgen.train.Training#fit() fit()}, which returns the per-epoch
 * {@link io.gradgen.train.History History} (also as CSV and as an SVG loss-curve chart).
 *
 * <pre>{@code
 * History history = Training.of(model)
 *         .loss(new CrossEntropyLoss())
 *         .optimizer(params -> new Adam(params, 1e-3))
 *         .data(x, y)
 *         .batchSize(32)
 *         .shuffle(new Random(42))
 *         .epochs(200)
 *         .validation(xVal, yVal)
 *         .metric("accuracy", Metrics.accuracy())
 *         .earlyStopping(10)
 *         .fit();
 * history.writeSvg(Path.of("loss.svg"));
 * }</pre>
 */
package io.gradgen.train;
