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
 * @param curvature {@code ∂²loss/∂pred² = ...} for the first parameter, or null
 * @param curvatureVanishes whether that second derivative is 0 wherever it is defined (L1, hinge:
 *     the loss is piecewise linear in the prediction)
 */
public record Formulas(List<String> definitions, String value, List<String> gradients,
        List<String> gradientDefinitions, String curvature, boolean curvatureVanishes) {
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
            List<Expr> gradients, Map<Expr, String> backwardLocals, Expr curvature) {
        return ofElements(value, forwardLocals, differentiable.stream().map(LossParameter::name).toList(), gradients,
                backwardLocals, curvature);
    }

    /** As above, each gradient written against {@code ∂loss/∂} its element (a name, or {@code z[b][j]}). */
    static Formulas ofElements(Expr value, Map<Expr, String> forwardLocals, List<String> differentiable,
            List<Expr> gradients, Map<Expr, String> backwardLocals, Expr curvature) {
        List<String> definitions = definitions(List.of(value), forwardLocals);
        String valueText = "loss = " + math(value, forwardLocals, null);
        List<String> gradientTexts = new ArrayList<>();
        Map<Expr, String> earlier = new LinkedHashMap<>();
        for (int i = 0; i < gradients.size(); i++) {
            String lhs = "∂loss/∂" + differentiable.get(i);
            Map<Expr, String> names = new LinkedHashMap<>(backwardLocals);
            earlier.forEach(names::putIfAbsent);
            gradientTexts.add(lhs + " = " + math(gradients.get(i), names, gradients.get(i)));
            earlier.putIfAbsent(gradients.get(i), lhs);
        }
        String curvatureText = null;
        if (curvature != null) {
            String pred = differentiable.get(0);
            Map<Expr, String> names = new LinkedHashMap<>(backwardLocals);
            earlier.forEach(names::putIfAbsent);
            curvatureText = "∂²loss/∂" + pred + "² = " + math(curvature, names, curvature);
        }
        List<Expr> mentioned = new ArrayList<>(gradients);
        if (curvature != null) {
            mentioned.add(curvature);
        }
        List<String> gradientDefinitions = definitions(mentioned, backwardLocals);
        noteEpsilon(definitions, valueText);
        List<String> backward = new ArrayList<>(gradientTexts);
        if (curvatureText != null) {
            backward.add(curvatureText);
        }
        noteEpsilon(gradientDefinitions, String.join("\n", backward));
        return new Formulas(definitions, valueText, gradientTexts, gradientDefinitions, curvatureText,
                curvature != null && vanishes(curvature));
    }

    /** Says what {@code ε} is where the formulas use it (cosine's floor under each squared norm). */
    private static void noteEpsilon(List<String> definitions, String formulas) {
        if ((formulas + String.join("\n", definitions)).contains("ε")) {
            definitions.add("ε = Functions.COSINE_EPS");
        }
    }

    /** Whether {@code e} is 0 on every branch: the selects of a piecewise linear loss's second derivative. */
    private static boolean vanishes(Expr e) {
        if (e instanceof io.gradgen.processor.ir.Const c) {
            return c.value() == 0;
        }
        return e instanceof io.gradgen.processor.ir.Select s && vanishes(s.ifTrue()) && vanishes(s.ifFalse());
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
