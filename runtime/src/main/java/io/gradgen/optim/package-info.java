/**
 * Optimizers with the update rules of {@code torch.optim}: {@link io.gradgen.optim.SGD} and
 * {@link io.gradgen.optim.Adam}, on the {@link io.gradgen.optim.Optimizer} base class. Steps
 * update parameters in place, with grad mode disabled.
 */
package io.gradgen.optim;
