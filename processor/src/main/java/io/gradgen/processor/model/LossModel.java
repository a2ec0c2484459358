package io.gradgen.processor.model;

import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;

/**
 * Everything the writer needs for one loss, fully decided: the forward kernel (one output, the
 * value), the backward kernel (one output per differentiable input, aligned with
 * {@link #differentiable()}), the names of the loop's own variables, and the formulas for Javadoc.
 */
public record LossModel(LossSignature signature, Kernel forward, Kernel backward, List<LossParameter> differentiable,
        LoopNames forwardNames, LoopNames backwardNames, Formulas formulas) {
    public LossModel {
        differentiable = List.copyOf(differentiable);
    }
}
