package io.gradgen.processor;

import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.differentiate.Differentiation;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.normalise.DefaultRows;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.plan.KernelPlanning;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.simplify.PositionWork;
import io.gradgen.processor.simplify.SimplifiedLoss;
import io.gradgen.processor.simplify.Simplification;
import io.gradgen.processor.write.DefaultVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The variants of a loss with some {@code @Param}s at their defaults, each planned like any loss from
 * the loss with those defaults folded in before differentiation:
 *
 * <ul>
 *   <li>for every non-empty set of optional rows ({@code @Param(1.0) double[] w}) left out, the loss
 *       with those rows' elements replaced by the default number, so the generated class runs kernels
 *       that read no row the user did not give (for PyTorch's {@code weight=None}, the unweighted
 *       kernels);
 *   <li>where a {@code @Param double} at its default lets the kernels do less work per position (a
 *       loop over a row, a select or a call gone; see {@link PositionWork}), the loss with those
 *       numbers at their defaults, with and without each set of rows: {@code CrossEntropyLoss} at
 *       its default {@code labelSmoothing = 0} runs the plain cross-entropy kernels.
 * </ul>
 */
final class DefaultVariants {
    private DefaultVariants() {
    }

    /**
     * The variants, in order of the sets of rows left out (by bit pattern over the rows), each set
     * first with the specialised numbers at their defaults, then without; or null when a problem was
     * added: an optional row read other than by element has no length of its own.
     *
     * @param general the loss simplified with every {@code @Param} given, to compare the work with
     */
    static List<DefaultVariant> plan(ExecutableElement method, LossSignature signature, NormalisedLoss loss,
            SimplifiedLoss general, Problems problems) {
        List<LossParameter> optional = signature.parameters().stream().filter(LossParameter::isOptionalRow).toList();
        if (!optional.isEmpty()) {
            Set<String> all = DefaultRows.optionalRows(signature);
            Map<String, Double> allDefaults = new LinkedHashMap<>();
            optional.forEach(p -> allDefaults.put(p.name(), p.defaultValue().getAsDouble()));
            Map<String, Expr> wholeReads = DefaultRows.wholeReads(DefaultRows.substitute(loss, allDefaults), all);
            if (!wholeReads.isEmpty()) {
                wholeReads.forEach((row, read) -> {
                    LossParameter p = optional.stream().filter(o -> o.name().equals(row)).findFirst().orElseThrow();
                    problems.add(Problem.on(parameter(method, row), Message.DEFAULT_ROW_READ,
                            DefaultVariant.number(p.defaultValue().getAsDouble()), row,
                            signature.methodName(), read, row));
                });
                return null;
            }
        }
        List<LossParameter> numbers = specialisedNumbers(signature, loss, PositionWork.of(general));
        List<DefaultVariant> variants = new ArrayList<>();
        for (int mask = 0; mask < 1 << optional.size(); mask++) {
            for (boolean atDefaults : numbers.isEmpty() ? new boolean[] {false} : new boolean[] {true, false}) {
                List<LossParameter> defaulted = new ArrayList<>();
                for (int k = 0; k < optional.size(); k++) {
                    if ((mask & 1 << k) != 0) {
                        defaulted.add(optional.get(k));
                    }
                }
                if (atDefaults) {
                    defaulted.addAll(numbers);
                }
                if (!defaulted.isEmpty()) {
                    variants.add(new DefaultVariant(names(signature, defaulted), plan(signature, loss, defaulted)));
                }
            }
        }
        return variants;
    }

    /**
     * The {@code @Param double}s with a default at which the loss does less work per position than
     * with the number given: each alone folded in, differentiated, simplified and measured.
     */
    private static List<LossParameter> specialisedNumbers(LossSignature signature, NormalisedLoss loss,
            PositionWork general) {
        List<LossParameter> out = new ArrayList<>();
        for (LossParameter p : signature.constants()) {
            if (p.kind() == InputKind.CONSTANT_DOUBLE && p.defaultValue().isPresent()
                    && PositionWork.of(simplify(signature, loss, List.of(p))).lessThan(general)) {
                out.add(p);
            }
        }
        return out;
    }

    private static LossModel plan(LossSignature signature, NormalisedLoss loss, List<LossParameter> defaulted) {
        return KernelPlanning.plan(simplify(signature, loss, defaulted));
    }

    /** The loss with {@code defaulted} at their defaults, without them in its signature, simplified. */
    private static SimplifiedLoss simplify(LossSignature signature, NormalisedLoss loss,
            List<LossParameter> defaulted) {
        Map<String, Double> values = new LinkedHashMap<>();
        defaulted.forEach(p -> values.put(p.name(), p.defaultValue().getAsDouble()));
        NormalisedLoss substituted = DefaultRows.substitute(loss, values);
        LossSignature variant = DefaultRows.signature(signature, values.keySet(), substituted);
        return Simplification.simplify(Differentiation.derive(variant, substituted), LossPipeline.checkedRows(variant));
    }

    /** The names of {@code defaulted}, in parameter order. */
    private static List<String> names(LossSignature signature, List<LossParameter> defaulted) {
        return signature.parameters().stream().filter(defaulted::contains).map(LossParameter::name).toList();
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
