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

    /** Gradient index ids of batch inputs start here, clear of the per-input ids of rows. */
    private static final int BATCH_ROWS = 1_000;

    public static DerivedLoss derive(LossSignature signature, NormalisedLoss loss) {
        List<Gradient> gradients = new ArrayList<>();
        for (LossParameter p : signature.parameters()) {
            if (!p.kind().isDifferentiable()) {
                continue;
            }
            Var input = p.var();
            if (p.kind() == InputKind.MATRIX) {
                // ∂loss/∂z[b][j]: b runs over z's rows, j along each row
                int k = gradients.size();
                java.util.Set<String> loops = loopNames(loss.value());
                Idx b = Idx.gradient(unused(loops, "b", "r", "row"), 2 * k + BATCH_ROWS, new Length(input, 0));
                Idx j = Idx.gradient(unused(loops, "j", "k", "col"), 2 * k + 1 + BATCH_ROWS, new Length(input, 1));
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input, b, j), j, b));
            } else if (p.kind() == InputKind.ROW) {
                Idx j = Idx.gradient("j", gradients.size(), new Length(input));
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input, j), j));
            } else {
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input), null));
            }
        }
        return new DerivedLoss(signature, loss, gradients, curvature(signature, gradients));
    }

    /** The names of the loops in the body: a gradient's free indices take others, so formulas read clearly. */
    private static java.util.Set<String> loopNames(io.gradgen.processor.ir.Expr value) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (io.gradgen.processor.ir.Expr e : io.gradgen.processor.ir.Indices.nodes(List.of(value))) {
            if (e instanceof io.gradgen.processor.ir.Reduce r) {
                names.add(r.index().name());
            }
        }
        return names;
    }

    private static String unused(java.util.Set<String> taken, String... choices) {
        for (String c : choices) {
            if (!taken.contains(c)) {
                return c;
            }
        }
        String base = choices[0];
        int n = 2;
        while (taken.contains(base + n)) {
            n++;
        }
        return base + n;
    }

    /**
     * ∂²loss/∂pred² for the first parameter, differentiated from its gradient: for a row, the
     * derivative of {@code ∂loss/∂x[j]} with respect to the same {@code x[j]}, the diagonal of the
     * row's Hessian.
     */
    private static Gradient curvature(LossSignature signature, List<Gradient> gradients) {
        LossParameter first = signature.parameters().get(0);
        if (!first.kind().isDifferentiable() || signature.isBatch()) {
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
