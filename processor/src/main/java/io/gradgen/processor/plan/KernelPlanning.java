package io.gradgen.processor.plan;

import io.gradgen.processor.differentiate.Gradient;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.simplify.SimplifiedLoss;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan stage: decides every kernel the generated classes run (forward, backward, the fused pass,
 * the staged forms, the weights of a weighted mean), what the forward saves for the backward, the
 * run-time checks, and the formulas of the Javadoc, from the simplified loss.
 */
public final class KernelPlanning {
    private KernelPlanning() {
    }

    public static LossModel plan(SimplifiedLoss loss) {
        LossSignature signature = loss.signature();
        Expr value = loss.value();
        Map<Expr, String> forwardLocals = loss.valueNames();
        List<LossParameter> differentiable = new ArrayList<>();
        List<Expr> gradients = new ArrayList<>();
        List<Kernel.Loop> gradientRows = new ArrayList<>();
        Map<Expr, String> gradientNames = new LinkedHashMap<>();
        for (Gradient g : loss.gradients()) {
            differentiable.add(g.input());
            gradients.add(g.derivative());
            gradientRows.add(g.isRow() ? Kernel.Loop.overRow(g.element(), g.element().name(), g.input().var()) : null);
            gradientNames.putIfAbsent(g.derivative(), "d" + NameAllocator.capitalize(g.input().name()));
        }
        Map<Expr, String> backwardLocals = loss.gradientNames();

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
        Expr curvature = loss.curvature() == null ? null : loss.curvature().derivative();
        Formulas formulas = Formulas.of(value, valueNames, differentiable, gradients, gradientTextNames, curvature);
        List<String> rows = signature.parameters().stream()
                .filter(p -> p.kind() == InputKind.ROW || p.kind() == InputKind.CONSTANT_ROW)
                .map(LossParameter::name).toList();
        return new LossModel(signature, forward, backward, differentiable, forwardNames, backwardNames, formulas,
                RowChecks.of(value, rows), saved, weights(signature, loss.weight(), forwardLocals),
                staged(signature, List.of(value), forwardLocals, Map.of()),
                staged(signature, gradients, backwardLocals, gradientNames),
                fused(signature, value, gradients, gradientRows, forwardLocals, backwardLocals, gradientNames),
                stagedFused(signature, value, gradients, forwardLocals, backwardLocals, gradientNames),
                secondOrder(loss, gradientRows.isEmpty() ? null : gradientRows.get(0), backwardLocals),
                requirements(loss, forwardLocals),
                loss.requirements().stream().map(io.gradgen.processor.normalise.Requirement::description).toList());
    }

    /** One predicate per requirement, planned like the forward (loops for the reductions some need). */
    private static Kernel requirements(SimplifiedLoss loss, Map<Expr, String> forwardLocals) {
        if (loss.requirements().isEmpty()) {
            return null;
        }
        NameAllocator scope = kernelScope(loss.signature(), loopNames(loss.signature()));
        List<Expr> conditions = loss.requirements().stream().map(io.gradgen.processor.normalise.Requirement::condition)
                .toList();
        return KernelPlanner.plan(conditions, forwardLocals, Map.of(), scope);
    }

    /**
     * The prediction's gradient and the Hessian's diagonal, per element, in one kernel: what
     * {@code SecondOrderLoss.gradientAndHessian} writes. Null without a second derivative.
     */
    private static Kernel secondOrder(SimplifiedLoss loss, Kernel.Loop predRow, Map<Expr, String> backwardLocals) {
        if (loss.curvature() == null) {
            return null;
        }
        Expr gradient = loss.gradients().get(0).derivative();
        Expr curvature = loss.curvature().derivative();
        String pred = NameAllocator.capitalize(loss.signature().parameters().get(0).name());
        Map<Expr, String> outputNames = new LinkedHashMap<>();
        outputNames.put(gradient, "d" + pred);
        outputNames.putIfAbsent(curvature, "d2" + pred);
        NameAllocator scope = kernelScope(loss.signature(), loopNames(loss.signature()));
        return KernelPlanner.plan(List.of(gradient, curvature), java.util.Arrays.asList(predRow, predRow),
                backwardLocals, outputNames, Map.of(), scope);
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
        needed.removeAll(Softmax.sourcesIn(gradients));
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
        // calls that share an exponential stage it once (BCE with logits: exp and log1p, not three passes)
        SharedExponentials shared = new SharedExponentials();
        return StagedKernel.plan(shared.rewrite(outputs), shared.rewriteKeys(userNames),
                shared.rewriteKeys(outputNames), scope);
    }

    /** The kernel of the per-position weights, when the loss returns {@code Functions.weighted}. */
    private static Kernel weights(LossSignature signature, Expr weight, Map<Expr, String> forwardLocals) {
        if (weight == null) {
            return null;
        }
        NameAllocator scope = kernelScope(signature, loopNames(signature));
        return KernelPlanner.plan(List.of(weight), forwardLocals, Map.of(), scope);
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
        Map<String, String> floats = new LinkedHashMap<>();
        data.forEach((input, array) -> floats.put(array, names.allocate(input + "Floats")));
        grads.forEach((input, array) -> floats.put(array, names.allocate(array + "Floats")));
        // row losses keep i, j for the user's loops and call batch positions n
        return new LoopNames(names.allocate(signature.hasRows() ? "n" : "i"), data, grads, names.allocate("scale"),
                names.allocate("upstream"), names.allocate("total"), names.allocate("out"),
                offsets, lengths, names.allocate("positions"), names.allocate("scaleAt"), names.allocate("chunk"),
                names.allocate("from"), names.allocate("to"), names.allocate("lastDim"), names.allocate("start"),
                names.allocate("end"), names.allocate("scratch"), names.allocate("grad"), names.allocate("hessian"),
                Map.of(), floats, names.allocate("blockPositions"));
    }

}
