package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprText;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.signature.LossParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivation in mathematical notation, for the generated classes' Javadoc.
 *
 * @param definitions {@code d = |pred − target|}: the user's locals that the formulas mention
 * @param value {@code loss = ...}
 * @param gradients {@code ∂loss/∂pred = ...}, one per differentiable input
 * @param gradientDefinitions the user's locals that the gradients mention
 */
public record Formulas(List<String> definitions, String value, List<String> gradients, List<String> gradientDefinitions) {
    public Formulas {
        definitions = List.copyOf(definitions);
        gradients = List.copyOf(gradients);
        gradientDefinitions = List.copyOf(gradientDefinitions);
    }

    /**
     * The formulas of a loss: its value, each gradient (a later gradient equal to an earlier one is
     * written as that one's name), and the definitions of the user's locals they mention.
     */
    static Formulas of(Expr value, Map<Expr, String> forwardLocals, List<LossParameter> differentiable,
            List<Expr> gradients, Map<Expr, String> backwardLocals) {
        List<String> definitions = definitions(List.of(value), forwardLocals);
        String valueText = "loss = " + math(value, forwardLocals, null);
        List<String> gradientTexts = new ArrayList<>();
        Map<Expr, String> earlier = new LinkedHashMap<>();
        for (int i = 0; i < gradients.size(); i++) {
            String lhs = "∂loss/∂" + differentiable.get(i).name();
            Map<Expr, String> names = new LinkedHashMap<>(backwardLocals);
            earlier.forEach(names::putIfAbsent);
            gradientTexts.add(lhs + " = " + math(gradients.get(i), names, gradients.get(i)));
            earlier.putIfAbsent(gradients.get(i), lhs);
        }
        return new Formulas(definitions, valueText, gradientTexts, definitions(gradients, backwardLocals));
    }

    /** {@code name = definition} for each user local the roots mention, innermost first. */
    private static List<String> definitions(List<Expr> roots, Map<Expr, String> locals) {
        List<String> out = new ArrayList<>();
        Set<Expr> seen = new HashSet<>();
        for (Expr root : roots) {
            collect(root, locals, seen, out, true);
        }
        return out;
    }

    private static void collect(Expr e, Map<Expr, String> locals, Set<Expr> seen, List<String> out, boolean isRoot) {
        if (!seen.add(e)) {
            return;
        }
        for (Expr child : Indices.children(e)) {
            collect(child, locals, seen, out, false);
        }
        String name = locals.get(e);
        if (name != null && !isRoot) {
            out.add(name + " = " + math(e, locals, e));
        }
    }

    private static String math(Expr e, Map<Expr, String> names, Expr self) {
        return ExprText.render(e, ExprText.Style.MATH, x -> x == self ? null : names.get(x));
    }
}
