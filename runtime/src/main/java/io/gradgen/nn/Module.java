package io.gradgen.nn;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A building block of a model, like PyTorch's {@code nn.Module}: it maps a tensor to a tensor and
 * owns the parameters that an optimizer updates.
 */
public interface Module {

    /**
     * Applies the module. Records the autograd graph unless grad mode is disabled.
     *
     * @param input the input tensor; each module documents the shapes it accepts
     * @return the output tensor
     * @throws IllegalArgumentException if the input's shape does not fit the module
     */
    Tensor forward(Tensor input);

    /**
     * The trainable tensors of this module and its sub-modules, in a fixed order; all are leaves
     * that require grad. Pass them to an optimizer.
     *
     * @return the parameters; empty for modules without any
     */
    List<Tensor> parameters();

    /**
     * Sets the gradient of every parameter to zero in place (see {@link Tensor#zeroGrad()});
     * parameters without a gradient yet are left alone.
     */
    default void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * The parameters by name, like PyTorch's {@code state_dict()}: the live tensors (not copies),
     * in {@link #parameters()}' order, under PyTorch's names ({@code weight} and {@code bias} for a
     * {@link Linear}, {@code 0.weight} for the first module of a {@link Sequential}), so that
     * {@code SafeTensors.save(model.stateDict(), path)} writes a file {@code load_state_dict}
     * reads in PyTorch. This default names a module's parameters {@code 0}, {@code 1}, ...;
     * modules with named parameters override it.
     *
     * @return an unmodifiable, insertion-ordered map
     */
    default Map<String, Tensor> stateDict() {
        return StateDicts.byIndex(parameters());
    }

    /**
     * Copies {@code state} into the parameters, in place, like PyTorch's
     * {@code load_state_dict(state)}: each tensor of {@link #stateDict()} takes the values of the
     * entry with its name, converted to the parameter's type. Parameters stay the same tensors (an
     * optimizer keeps updating them); the copy is made without recording a graph.
     *
     * @param state tensors by name, e.g. from {@code SafeTensors.load}
     * @throws IllegalArgumentException if keys are missing or unexpected, or shapes differ; the
     *     message names every offending key, and nothing is changed
     * @throws NullPointerException if {@code state} is null
     */
    default void loadStateDict(Map<String, Tensor> state) {
        StateDicts.load(this, stateDict(), state);
    }

    /**
     * Converts every parameter to {@code dtype} in place, like PyTorch's {@code module.to(dtype)}:
     * the parameters stay the same {@link Tensor} objects (see {@link Tensor#toInPlace(DType)}),
     * so an optimizer built before keeps updating them, now in {@code dtype}. Gradients are
     * converted too.
     *
     * @param dtype the element type, e.g. {@link DType#FLOAT32}
     * @return this module
     */
    default Module to(DType dtype) {
        Objects.requireNonNull(dtype, "to: dtype is null");
        GradMode.Scope scope = GradMode.disable();
        try {
            for (Tensor p : parameters()) {
                p.toInPlace(dtype);
            }
        } finally {
            scope.close();
        }
        return this;
    }
}
