/**
 * Model building blocks in the shape of PyTorch's {@code torch.nn}: the
 * {@link io.gradgen.nn.Module} interface, {@link io.gradgen.nn.Linear},
 * {@link io.gradgen.nn.Sequential} and the activation modules.
 */
package io.gradgen.nn;
