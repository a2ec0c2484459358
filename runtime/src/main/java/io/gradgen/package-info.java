/**
 * gradgen's runtime: {@link io.gradgen.Tensor}, a dense float64 array with a PyTorch-style
 * autograd graph; {@link io.gradgen.LossFunction}, implemented by the classes gradgen generates
 * for {@code @Loss} methods; {@link io.gradgen.Functions}, the numerically stable math loss methods
 * call; and {@link io.gradgen.LossSupport}, the versioned support API generated code calls (not user
 * API).
 */
package io.gradgen;
