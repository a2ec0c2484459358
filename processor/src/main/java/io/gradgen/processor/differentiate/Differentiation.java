package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;

/** The differentiate stage: the gradient of the loss with respect to each differentiable input. */
public final class Differentiation {
    private Differentiation() {
    }

    public static DerivedLoss derive(LossSignature signature, NormalisedLoss loss) {
        List<Gradient> gradients = new ArrayList<>();
        for (LossParameter p : signature.parameters()) {
            if (!p.kind().isDifferentiable()) {
                continue;
            }
            Var input = p.var();
            if (p.kind() == InputKind.ROW) {
                Idx j = Idx.gradient("j", gradients.size(), new Length(input));
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input, j), j));
            } else {
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input), null));
            }
        }
        return new DerivedLoss(signature, loss, gradients, curvature(signature, gradients));
    }

    /**
     * ∂²loss/∂pred² for the first parameter, differentiated from its gradient: for a row, the
     * derivative of {@code ∂loss/∂x[j]} with respect to the same {@code x[j]}, the diagonal of the
     * row's Hessian.
     */
    private static Gradient curvature(LossSignature signature, List<Gradient> gradients) {
        LossParameter first = signature.parameters().get(0);
        if (!first.kind().isDifferentiable()) {
            return null;
        }
        Gradient g = gradients.get(0);
        Var pred = first.var();
        try {
            return g.with(g.isRow() ? Differentiator.derivative(g.derivative(), pred, g.element())
                    : Differentiator.derivative(g.derivative(), pred));
        } catch (Derivatives.NoDerivative beyondTheTable) {
            return null; // a loss of trigamma: its second derivative needs ψ₃; no SecondOrderLoss then
        }
    }
}
