package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Flag;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.LinkedHashMap;
import java.util.Map;

/** The IR node each parameter of a loss stands for in its body. */
final class Variables {
    private Variables() {
    }

    /** A {@link Var} per parameter (its role from its kind), or a {@link Flag} for a {@code @Param boolean}. */
    static Map<String, Expr> of(LossSignature signature) {
        Map<String, Expr> nodes = new LinkedHashMap<>();
        for (LossParameter p : signature.parameters()) {
            nodes.put(p.name(), p.kind() == InputKind.CONSTANT_BOOLEAN ? new Flag(p.name()) : p.var());
        }
        return nodes;
    }
}
