package io.gradgen.processor.model;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.symbolic.Differentiator;
import io.gradgen.processor.symbolic.Expr;
import io.gradgen.processor.symbolic.ExprText;
import io.gradgen.processor.symbolic.Simplifier;
import io.gradgen.processor.symbolic.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differentiate → simplify → model stages: derives each differentiable input's gradient,
 * simplifies the value (exactly) and the gradients (canonically), and plans both kernels.
 */
public final class LossModeller {
    private LossModeller() {
    }

    /** The IR variable of each parameter, in declaration order. */
    public static List<Var> variables(LossSignature signature) {
        List<Var> vars = new ArrayList<>();
        for (LossParameter p : signature.parameters()) {
            Var.Role role = switch (p.kind()) {
                case ELEMENT, ROW -> Var.Role.INPUT;
                case LABEL -> Var.Role.LABEL;
                default -> Var.Role.CONSTANT;
            };
            vars.add(new Var(p.name(), role));
        }
        return vars;
    }

    public static LossModel model(LossSignature signature, NormalisedLoss loss) {
        Simplifier exact = Simplifier.light();
        Expr value = exact.simplify(loss.value());
        Map<Expr, String> forwardLocals = rekey(loss.localNames(), exact);

        Simplifier canonical = Simplifier.full(loss.localNames().keySet());
        List<LossParameter> differentiable = new ArrayList<>();
        List<Expr> gradients = new ArrayList<>();
        Map<Expr, String> gradientNames = new LinkedHashMap<>();
        for (LossParameter p : signature.parameters()) {
            if (p.kind().isDifferentiable()) {
                Expr g = canonical.simplify(Differentiator.derivative(loss.value(), new Var(p.name(), Var.Role.INPUT)));
                differentiable.add(p);
                gradients.add(g);
                gradientNames.putIfAbsent(g, "d" + NameAllocator.capitalize(p.name()));
            }
        }
        Map<Expr, String> backwardLocals = rekey(loss.localNames(), canonical);

        LoopNames forwardNames = loopNames(signature, forwardAllocator(signature));
        NameAllocator forwardScope = forwardAllocator(signature);
        reserveLoopNames(forwardScope, forwardNames);
        Kernel forward = KernelPlanner.plan(List.of(value), forwardLocals, Map.of(), forwardScope);

        LoopNames backwardNames = loopNames(signature, forwardAllocator(signature));
        NameAllocator backwardScope = forwardAllocator(signature);
        reserveLoopNames(backwardScope, backwardNames);
        Kernel backward = KernelPlanner.plan(gradients, backwardLocals, gradientNames, backwardScope);

        Map<Expr, String> valueNames = forwardLocals;
        Map<Expr, String> gradientTextNames = backwardLocals;
        if (printedSize(List.of(value), forwardLocals) + printedSize(gradients, backwardLocals) > MAX_PRINTED_NODES) {
            // a DAG printed as a tree can grow exponentially (t = sin(t)·t + t, repeated): name the
            // subexpressions the kernels share, so the formulas grow like the kernels do
            valueNames = withKernelNames(forwardLocals, forward);
            gradientTextNames = withKernelNames(backwardLocals, backward);
        }
        Formulas formulas = formulas(value, valueNames, differentiable, gradients, gradientTextNames);
        return new LossModel(signature, forward, backward, differentiable, forwardNames, backwardNames, formulas);
    }

    /**
     * Formulas that would print more nodes than this name the kernels' shared subexpressions. The
     * backward's formulas become a string constant, which javac caps at 65,535 bytes.
     */
    static final long MAX_PRINTED_NODES = 2_000;

    /** How many nodes the roots print as, with named subexpressions printed as their names. */
    private static long printedSize(List<Expr> roots, Map<Expr, String> names) {
        Map<Expr, Long> memo = new HashMap<>();
        long total = 0;
        for (Expr root : roots) {
            total += printedSize(root, names, root, memo);
        }
        return total;
    }

    private static long printedSize(Expr e, Map<Expr, String> names, Expr self, Map<Expr, Long> memo) {
        if (e != self && names.containsKey(e)) {
            return 1;
        }
        Long known = memo.get(e);
        if (known != null) {
            return known;
        }
        long size = 1;
        for (Expr child : KernelPlanner.children(e)) {
            size = Math.min(Long.MAX_VALUE / 4, size + printedSize(child, names, self, memo));
        }
        memo.put(e, size);
        return size;
    }

    private static Map<Expr, String> withKernelNames(Map<Expr, String> userNames, Kernel kernel) {
        Map<Expr, String> names = new LinkedHashMap<>(userNames);
        kernel.names().forEach(names::putIfAbsent);
        return names;
    }

    private static Map<Expr, String> rekey(Map<Expr, String> names, Simplifier simplifier) {
        Map<Expr, String> out = new LinkedHashMap<>();
        names.forEach((e, name) -> out.putIfAbsent(simplifier.simplify(e), name));
        return out;
    }

    private static NameAllocator forwardAllocator(LossSignature signature) {
        return new NameAllocator(signature.parameters().stream().map(LossParameter::name).toList());
    }

    private static LoopNames loopNames(LossSignature signature, NameAllocator names) {
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> grads = new LinkedHashMap<>();
        for (LossParameter p : signature.tensorInputs()) {
            data.put(p.name(), names.allocate(p.name() + "Data"));
        }
        for (LossParameter p : signature.tensorInputs()) {
            if (p.kind().isDifferentiable()) {
                grads.put(p.name(), names.allocate("grad" + NameAllocator.capitalize(p.name())));
            }
        }
        boolean none = signature.reduction() == Reduction.NONE;
        return new LoopNames(names.allocate("i"), data, grads, names.allocate("scale"),
                names.allocate("upstream"), names.allocate(none ? "out" : "total"), names.allocate("out"));
    }

    private static void reserveLoopNames(NameAllocator scope, LoopNames names) {
        scope.reserve(names.index());
        names.data().values().forEach(scope::reserve);
        names.grads().values().forEach(scope::reserve);
        scope.reserve(names.scale());
        scope.reserve(names.upstream());
        scope.reserve(names.total());
        scope.reserve(names.out());
    }

    private static Formulas formulas(Expr value, Map<Expr, String> forwardLocals, List<LossParameter> differentiable,
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
        for (Expr child : KernelPlanner.children(e)) {
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
