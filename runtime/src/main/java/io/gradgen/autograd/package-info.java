/**
 * The autograd machinery around {@link io.gradgen.Tensor}: the graph node interface
 * {@link io.gradgen.autograd.BackwardFunction}, the thread-local grad mode
 * ({@link io.gradgen.autograd.GradMode}, {@link io.gradgen.autograd.NoGrad}), and the gradient
 * checker {@link io.gradgen.autograd.GradCheck}.
 */
package io.gradgen.autograd;
