package io.gradgen.processor.plan;

import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;

/**
 * Everything the writer needs for one loss, fully decided: the forward kernel (one output, the
 * value), the backward kernel (one output per differentiable input, aligned with
 * {@link #differentiable()}; a row input's gradient is a loop over its row, see {@link Kernel#rows()}),
 * the names of the loop's own variables, the formulas for Javadoc, the run-time checks on rows, and
 * the per-position values the forward saves for the backward, and the kernel of the per-position
 * weights whose sum is the mean's denominator ({@code Functions.weighted}; null when the mean
 * divides by the number of positions), and, for an element-wise loss with transcendental calls, the
 * forward and backward kernels staged for {@code VectorMath} (null otherwise); and the
 * fused kernel whose outputs are the value and then every gradient (the forward and the backward
 * in one pass, see {@code LossResults.fusedGradients}; a row input's gradient a row, as in the
 * backward kernel) with its staged form (null for row losses and without transcendental calls); and
 * the second-order kernel, whose outputs are the prediction's gradient and the Hessian's diagonal
 * (both rows for a row prediction; null when the first parameter is not differentiable); and the
 * kernel of the requirements (one predicate output each, aligned with {@code requirementTexts}),
 * checked before any work (null when there are none).
 */
public record LossModel(LossSignature signature, Kernel forward, Kernel backward, List<LossParameter> differentiable,
        LoopNames forwardNames, LoopNames backwardNames, Formulas formulas, RowChecks rowChecks, List<Saved> saved,
        Kernel weights, StagedKernel stagedForward, StagedKernel stagedBackward, Kernel fused,
        StagedKernel stagedFused, Kernel secondOrder, Kernel requirements, List<String> requirementTexts) {
    public LossModel {
        differentiable = List.copyOf(differentiable);
        saved = List.copyOf(saved);
        requirementTexts = List.copyOf(requirementTexts);
    }
}
