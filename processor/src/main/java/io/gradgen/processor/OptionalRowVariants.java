package io.gradgen.processor;

import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.differentiate.Differentiation;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.normalise.DefaultRows;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.plan.KernelPlanning;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.simplify.Simplification;
import io.gradgen.processor.write.DefaultRowVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The variants of a loss with optional rows ({@code @Param(1.0) double[] w}): for every non-empty set
 * of them left at their defaults, the loss with those rows' elements replaced by the default number,
 * differentiated, simplified and planned like any loss, so the generated class runs kernels that read
 * no row the user did not give (for PyTorch's {@code weight=None}, the unweighted kernels).
 */
final class OptionalRowVariants {
    private OptionalRowVariants() {
    }

    /**
     * The variants, in order of the sets left out (by bit pattern over the rows), or null when a
     * problem was added: an optional row read other than by element has no length of its own.
     */
    static List<DefaultRowVariant> plan(ExecutableElement method, LossSignature signature, NormalisedLoss loss,
            Problems problems) {
        List<LossParameter> optional = signature.parameters().stream().filter(LossParameter::isOptionalRow).toList();
        if (optional.isEmpty()) {
            return List.of();
        }
        Set<String> all = DefaultRows.optionalRows(signature);
        Map<String, Double> allDefaults = new LinkedHashMap<>();
        optional.forEach(p -> allDefaults.put(p.name(), p.defaultValue().getAsDouble()));
        Map<String, Expr> wholeReads = DefaultRows.wholeReads(DefaultRows.substitute(loss, allDefaults), all);
        if (!wholeReads.isEmpty()) {
            wholeReads.forEach((row, read) -> {
                LossParameter p = optional.stream().filter(o -> o.name().equals(row)).findFirst().orElseThrow();
                problems.add(Problem.on(parameter(method, row), Message.DEFAULT_ROW_READ,
                        io.gradgen.processor.write.DefaultRowVariant.number(p.defaultValue().getAsDouble()), row,
                        signature.methodName(), read, row));
            });
            return null;
        }
        List<DefaultRowVariant> variants = new ArrayList<>();
        for (int mask = 1; mask < 1 << optional.size(); mask++) {
            Set<String> defaulted = new LinkedHashSet<>();
            Map<String, Double> values = new LinkedHashMap<>();
            for (int k = 0; k < optional.size(); k++) {
                if ((mask & 1 << k) != 0) {
                    LossParameter p = optional.get(k);
                    defaulted.add(p.name());
                    values.put(p.name(), p.defaultValue().getAsDouble());
                }
            }
            NormalisedLoss substituted = DefaultRows.substitute(loss, values);
            LossSignature variant = DefaultRows.signature(signature, defaulted, substituted);
            variants.add(new DefaultRowVariant(List.copyOf(defaulted), KernelPlanning.plan(
                    Simplification.simplify(Differentiation.derive(variant, substituted),
                            LossPipeline.checkedRows(variant)))));
        }
        return variants;
    }

    private static Element parameter(ExecutableElement method, String name) {
        for (VariableElement p : method.getParameters()) {
            if (p.getSimpleName().contentEquals(name)) {
                return p;
            }
        }
        return method;
    }
}
