package io.gradgen.processor.plan;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.differentiate.Differentiator;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprText;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.simplify.Simplifier;
import io.gradgen.processor.ir.Var;
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

    /** The IR node each parameter name stands for: a {@link Var}, or a {@link io.gradgen.processor.ir.Flag}. */
    public static Map<String, Expr> parameterNodes(LossSignature signature) {
        Map<String, Expr> nodes = new LinkedHashMap<>();
        List<Var> vars = variables(signature);
        for (int i = 0; i < vars.size(); i++) {
            LossParameter p = signature.parameters().get(i);
            nodes.put(p.name(), p.kind() == InputKind.CONSTANT_BOOLEAN
                    ? new io.gradgen.processor.ir.Flag(p.name()) : vars.get(i));
        }
        return nodes;
    }

    /** The IR variable of each parameter, in declaration order. */
    public static List<Var> variables(LossSignature signature) {
        List<Var> vars = new ArrayList<>();
        for (LossParameter p : signature.parameters()) {
            Var.Role role = switch (p.kind()) {
                case ELEMENT, ROW -> Var.Role.INPUT;
                case LABEL -> Var.Role.LABEL;
                case LAST_INDEX -> Var.Role.LAST_INDEX;
                case CONSTANT_INT -> Var.Role.INT_CONSTANT;
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
        List<Kernel.Loop> gradientRows = new ArrayList<>();
        Map<Expr, String> gradientNames = new LinkedHashMap<>();
        for (LossParameter p : signature.parameters()) {
            if (p.kind().isDifferentiable()) {
                Var v = new Var(p.name(), Var.Role.INPUT);
                Expr g;
                if (p.kind() == InputKind.ROW) {
                    // the free index of ∂loss/∂x[j]; ids of loop indices are small positive numbers
                    Idx j = new Idx("j", 1_000_000 + differentiable.size());
                    g = canonical.simplify(Differentiator.derivative(loss.value(), v, j));
                    gradientRows.add(new Kernel.Loop(j, j.name(), v));
                } else {
                    g = canonical.simplify(Differentiator.derivative(loss.value(), v));
                    gradientRows.add(null);
                }
                g = SoftmaxWeights.find(List.of(g)).get(0);
                differentiable.add(p);
                gradients.add(g);
                gradientNames.putIfAbsent(g, "d" + NameAllocator.capitalize(p.name()));
            }
        }
        Map<Expr, String> backwardLocals = rekey(loss.localNames(), canonical);

        LoopNames forwardNames = loopNames(signature);
        NameAllocator forwardScope = kernelScope(signature, forwardNames);
        Kernel forward = KernelPlanner.plan(List.of(value), forwardLocals, Map.of(), forwardScope);

        LoopNames backwardNames = loopNames(signature);
        NameAllocator backwardScope = kernelScope(signature, backwardNames);
        List<Saved> saved = saved(forward, gradients, forwardScope, backwardScope);
        Map<Expr, String> provided = new LinkedHashMap<>();
        saved.forEach(v -> provided.put(v.expr(), v.backwardLocal()));
        Kernel backward = KernelPlanner.plan(gradients, gradientRows, backwardLocals, gradientNames, provided,
                backwardScope);

        Map<Expr, String> valueNames = forwardLocals;
        Map<Expr, String> gradientTextNames = backwardLocals;
        if (printedSize(List.of(value), forwardLocals) + printedSize(gradients, backwardLocals) > MAX_PRINTED_NODES) {
            // a DAG printed as a tree can grow exponentially (t = sin(t)·t + t, repeated): name the
            // subexpressions the kernels share, so the formulas grow like the kernels do
            valueNames = withKernelNames(forwardLocals, forward);
            gradientTextNames = withKernelNames(backwardLocals, backward);
        }
        Formulas formulas = formulas(value, valueNames, differentiable, gradients, gradientTextNames);
        List<String> rows = signature.parameters().stream()
                .filter(p -> p.kind() == InputKind.ROW || p.kind() == InputKind.CONSTANT_ROW)
                .map(LossParameter::name).toList();
        return new LossModel(signature, forward, backward, differentiable, forwardNames, backwardNames, formulas,
                RowChecks.of(value, rows), saved, weights(signature, loss, exact, forwardLocals),
                staged(signature, List.of(value), forwardLocals, Map.of()),
                staged(signature, gradients, backwardLocals, gradientNames),
                fused(signature, value, gradients, gradientRows, forwardLocals, backwardLocals, gradientNames),
                stagedFused(signature, value, gradients, forwardLocals, backwardLocals, gradientNames));
    }

    /**
     * The value and every gradient in one kernel: each is the same expression the forward and
     * backward kernels compute (so the same numbers, bit for bit), with the subexpressions they
     * share computed once (for cross-entropy, the log-sum-exp the backward would read from the
     * forward's saved array).
     */
    private static Kernel fused(LossSignature signature, Expr value, List<Expr> gradients,
            List<Kernel.Loop> gradientRows, Map<Expr, String> forwardLocals, Map<Expr, String> backwardLocals,
            Map<Expr, String> gradientNames) {
        NameAllocator scope = kernelScope(signature, loopNames(signature));
        List<Kernel.Loop> rows = new ArrayList<>();
        rows.add(null);
        rows.addAll(gradientRows);
        return KernelPlanner.plan(fusedOutputs(value, gradients), rows, fusedNames(forwardLocals, backwardLocals),
                gradientNames, Map.of(), scope);
    }

    private static StagedKernel stagedFused(LossSignature signature, Expr value, List<Expr> gradients,
            Map<Expr, String> forwardLocals, Map<Expr, String> backwardLocals, Map<Expr, String> gradientNames) {
        return staged(signature, fusedOutputs(value, gradients), fusedNames(forwardLocals, backwardLocals),
                gradientNames);
    }

    private static List<Expr> fusedOutputs(Expr value, List<Expr> gradients) {
        List<Expr> outputs = new ArrayList<>();
        outputs.add(value);
        outputs.addAll(gradients);
        return outputs;
    }

    private static Map<Expr, String> fusedNames(Map<Expr, String> forwardLocals, Map<Expr, String> backwardLocals) {
        Map<Expr, String> names = new LinkedHashMap<>(forwardLocals);
        backwardLocals.forEach(names::putIfAbsent);
        return names;
    }

    /**
     * The row reductions the forward computes per position that the gradients need too: saving one
     * double per position spares the backward a loop over the row (for cross-entropy, the
     * log-sum-exp's exponentials).
     */
    private static List<Saved> saved(Kernel forward, List<Expr> gradients, NameAllocator forwardScope,
            NameAllocator backwardScope) {
        Set<Expr> needed = new HashSet<>();
        for (Expr e : Indices.nodes(gradients)) {
            if (e instanceof io.gradgen.processor.ir.Reduce && Indices.free(e).isEmpty()) {
                needed.add(e);
            }
        }
        // a log-sum-exp whose softmax weights the gradient reads is recomputed, exponentials and
        // all: reading it saved would cost the backward a second exponential per element instead
        needed.removeAll(SoftmaxWeights.sources(gradients));
        List<Saved> saved = new ArrayList<>();
        for (Binding b : forward.bindings()) {
            if (b.isReduction() && needed.contains(b.expr())) {
                String array = "saved" + NameAllocator.capitalize(b.name());
                String forwardArray = forwardScope.allocate(array);
                backwardScope.reserve(forwardArray);
                saved.add(new Saved(b.expr(), b.name(), backwardScope.allocate(b.name()), forwardArray));
            }
        }
        return saved;
    }

    /** The staged form of an element-wise kernel (see {@link StagedKernel}), or null. */
    private static StagedKernel staged(LossSignature signature, List<Expr> outputs, Map<Expr, String> userNames,
            Map<Expr, String> outputNames) {
        if (signature.hasRows()) {
            return null;
        }
        NameAllocator scope = kernelScope(signature, loopNames(signature));
        return StagedKernel.plan(outputs, userNames, outputNames, scope);
    }

    /** The kernel of the per-position weights, when the loss returns {@code Functions.weighted}. */
    private static Kernel weights(LossSignature signature, NormalisedLoss loss, Simplifier exact,
            Map<Expr, String> forwardLocals) {
        if (loss.weight() == null) {
            return null;
        }
        NameAllocator scope = kernelScope(signature, loopNames(signature));
        return KernelPlanner.plan(List.of(exact.simplify(loss.weight())), forwardLocals, Map.of(), scope);
    }

    /** Whether the loss's value reads a differentiable input at all (a placeholder body does not). */
    public static boolean dependsOnAnInput(NormalisedLoss loss) {
        Expr value = Simplifier.light().simplify(loss.value());
        return Indices.nodes(List.of(value)).stream().anyMatch(e -> e instanceof Var v && v.role() == Var.Role.INPUT);
    }

    /** The differentiable inputs the weight of {@code Functions.weighted} reads (it should read none). */
    public static List<String> inputsOfWeight(NormalisedLoss loss) {
        Set<String> found = new java.util.LinkedHashSet<>();
        if (loss.weight() != null) {
            for (Expr e : Indices.nodes(List.of(loss.weight()))) {
                if (e instanceof Var v && v.role() == Var.Role.INPUT) {
                    found.add(v.name());
                }
            }
        }
        return List.copyOf(found);
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
        for (Expr child : Indices.children(e)) {
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

    /** The names a kernel method of this loss may not give its temporaries: parameters and loop names. */
    private static NameAllocator kernelScope(LossSignature signature, LoopNames names) {
        NameAllocator scope = forwardAllocator(signature);
        names.all().forEach(scope::reserve);
        return scope;
    }

    private static LoopNames loopNames(LossSignature signature) {
        NameAllocator names = forwardAllocator(signature);
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
        Map<String, String> offsets = new LinkedHashMap<>();
        Map<String, String> lengths = new LinkedHashMap<>();
        for (LossParameter p : signature.tensorInputs()) {
            if (p.kind() == InputKind.ROW) {
                offsets.put(p.name(), names.allocate(p.name() + "Offset"));
                lengths.put(p.name(), names.allocate(p.name() + "Length"));
            }
        }
        // row losses keep i, j for the user's loops and call batch positions n
        return new LoopNames(names.allocate(signature.hasRows() ? "n" : "i"), data, grads, names.allocate("scale"),
                names.allocate("upstream"), names.allocate("total"), names.allocate("out"),
                offsets, lengths, names.allocate("positions"), names.allocate("scaleAt"), names.allocate("chunk"),
                names.allocate("from"), names.allocate("to"), names.allocate("lastDim"), names.allocate("start"),
                names.allocate("end"), names.allocate("scratch"));
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
