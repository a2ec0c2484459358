package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.ArrayTypeName;
import io.gradgen.processor.model.Binding;
import io.gradgen.processor.model.Kernel;
import io.gradgen.processor.model.LoopNames;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.symbolic.Apply;
import io.gradgen.processor.symbolic.Expr;
import io.gradgen.processor.symbolic.Select;
import io.gradgen.processor.symbolic.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes the parts of a per-position loop that forward and backward share: loading inputs, computing temporaries. */
final class KernelWriter {
    private KernelWriter() {
    }

    /** {@code double[] predData} parameters of a kernel method, one per tensor input. */
    static List<ParameterSpec> dataParameters(LossSignature signature, LoopNames names) {
        List<ParameterSpec> params = new ArrayList<>();
        for (LossParameter p : signature.tensorInputs()) {
            params.add(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), names.data().get(p.name())).build());
        }
        return params;
    }

    /**
     * {@code double pred = predData[i];} for each input the kernel reads; labels are checked to be
     * integral when {@code validateLabels}, else only converted.
     */
    static void loadInputs(CodeBlock.Builder b, LossSignature signature, LoopNames names, Kernel kernel,
            boolean validateLabels) {
        Set<String> used = usedVariables(kernel);
        for (LossParameter p : signature.tensorInputs()) {
            String data = names.data().get(p.name());
            if (p.kind() == InputKind.LABEL) {
                if (validateLabels) {
                    b.addStatement("int $N = $T.checkIntegral($S, $S, $N[$N], $N)", p.name(), Names.LOSS_SUPPORT,
                            signature.lossName(), p.name(), data, names.index(), names.index());
                } else if (used.contains(p.name())) {
                    b.addStatement("int $N = (int) $N[$N]", p.name(), data, names.index());
                }
            } else if (used.contains(p.name())) {
                b.addStatement("double $N = $N[$N]", p.name(), data, names.index());
            }
        }
    }

    static void bindings(CodeBlock.Builder b, Kernel kernel, JavaExpressions java) {
        for (Binding binding : kernel.bindings()) {
            b.addStatement("$L $N = $L", binding.isPredicate() ? "boolean" : "double", binding.name(),
                    java.definition(binding.expr()));
        }
    }

    private static Set<String> usedVariables(Kernel kernel) {
        Set<String> used = new HashSet<>();
        Set<Expr> seen = new HashSet<>();
        for (Expr e : kernel.outputs()) {
            collect(e, used, seen);
        }
        return used;
    }

    private static void collect(Expr e, Set<String> used, Set<Expr> seen) {
        if (!seen.add(e)) {
            return;
        }
        if (e instanceof Var v) {
            used.add(v.name());
        } else if (e instanceof Apply a) {
            a.args().forEach(x -> collect(x, used, seen));
        } else if (e instanceof Select s) {
            collect(s.condition(), used, seen);
            collect(s.ifTrue(), used, seen);
            collect(s.ifFalse(), used, seen);
        }
    }

    /** The Java type of a {@code @Param} constant. */
    static TypeName constantType(LossParameter p) {
        return switch (p.kind()) {
            case CONSTANT_INT -> TypeName.INT;
            case CONSTANT_ROW -> ArrayTypeName.of(TypeName.DOUBLE);
            default -> TypeName.DOUBLE;
        };
    }
}
