package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;

/** The differentiate stage: the gradient of the loss with respect to each differentiable input. */
public final class Differentiation {
    /** Ids of the free indices of row gradients, above those the normaliser gives loop indices. */
    private static final int GRADIENT_INDEX_IDS = 1_000_000;

    private Differentiation() {
    }

    public static DerivedLoss derive(LossSignature signature, NormalisedLoss loss) {
        List<Gradient> gradients = new ArrayList<>();
        for (LossParameter p : signature.parameters()) {
            if (!p.kind().isDifferentiable()) {
                continue;
            }
            Var input = new Var(p.name(), Var.Role.INPUT);
            if (p.kind() == InputKind.ROW) {
                Idx j = new Idx("j", GRADIENT_INDEX_IDS + gradients.size());
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input, j), j));
            } else {
                gradients.add(new Gradient(p, Differentiator.derivative(loss.value(), input), null));
            }
        }
        return new DerivedLoss(signature, loss, gradients);
    }
}
