package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.plan.Binding;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loops over a row whose body calls {@code exp}, {@code log} and friends on each element: the
 * calls' arguments go to scratch first, one {@code VectorMath} pass transforms them (SIMD with the
 * Vector API, {@code java.lang.Math} bit for bit otherwise), and the loop then reads the results.
 * Cross-entropy's sum of exponentials and its gradient row are written this way.
 */
final class StagedLoops {
    private StagedLoops() {
    }

    /**
     * The calls of a loop body worth a {@code VectorMath} pass: those that depend on the loop index
     * and whose argument holds no other such call. None when the body has loops of its own (they
     * would share the scratch).
     */
    static List<Apply> calls(Kernel body) {
        if (!overWholeRow(body)) {
            return List.of();
        }
        for (Binding b : body.bindings()) {
            if (b.loop() != null) {
                return List.of();
            }
        }
        Set<Apply> found = new LinkedHashSet<>();
        Set<Expr> seen = new HashSet<>();
        for (Expr o : body.outputs()) {
            collect(o, body.loop().index(), found, seen);
        }
        return new ArrayList<>(found);
    }

    private static void collect(Expr e, io.gradgen.processor.ir.Idx index, Set<Apply> found, Set<Expr> seen) {
        if (!seen.add(e) || !Indices.dependsOn(e, index)) {
            return;
        }
        if (e instanceof Apply a && a.op().hasVectorKernel() && !hasCall(a.arg(0), index)) {
            found.add(a);
            return;
        }
        for (Expr c : Indices.children(e)) {
            collect(c, index, found, seen);
        }
    }

    private static boolean hasCall(Expr e, io.gradgen.processor.ir.Idx index) {
        return Indices.contains(e, x -> x instanceof Apply a && a.op().hasVectorKernel()
                && Indices.dependsOn(x, index), x -> !Indices.dependsOn(x, index));
    }

    /** Whether a log-sum-exp over this body can run its exponentials as one pass. */
    static boolean stagesLogSumExp(Kernel body) {
        if (!overWholeRow(body)) {
            return false;
        }
        for (Binding b : body.bindings()) {
            if (b.loop() != null && !plainReduction(b)) {
                return false;
            }
        }
        return !hasCall(body.outputs().get(0), body.loop().index());
    }

    /**
     * Whether a binding is a reduction written as a plain loop that touches no scratch (not a
     * log-sum-exp, no vectorised call, nothing nested): a term that holds one (a similarity's dot
     * product) is staged too, so that it is computed once per term, not once per pass.
     */
    private static boolean plainReduction(Binding b) {
        return b.expr() instanceof Reduce r && r.kind() != Reduce.Kind.LOG_SUM_EXP
                && calls(b.loop()).isEmpty() && b.loop().bindings().stream().allMatch(x -> x.loop() == null);
    }

    /**
     * Whether a loop runs over a whole row, {@code [0, x.length)}: only those are staged, their
     * elements in scratch at the loop's own index.
     */
    private static boolean overWholeRow(Kernel body) {
        return body.loop().from() instanceof io.gradgen.processor.ir.Const c && c.value() == 0
                && body.loop().to() instanceof io.gradgen.processor.ir.Length;
    }

    /** The length of the whole row a staged loop runs over. */
    static CodeBlock length(Kernel body, LoopNames names) {
        io.gradgen.processor.ir.Length l = (io.gradgen.processor.ir.Length) body.loop().to();
        String rows = l.axis() == 0 ? names.rows().get(l.row().name()) : null;
        // a loop over a double[][] batch's rows runs to its row count, along a row to its length
        return rows != null ? CodeBlock.of("$N", rows) : KernelWriter.length(l.row().name(), names);
    }

    /**
     * {@code double[] scratch = Scratch.get(...)}: as much as the largest staged loop of the kernel
     * needs, or nothing when it has none.
     */
    static void declareScratch(CodeBlock.Builder b, List<Kernel> kernels, LoopNames names) {
        Map<String, CodeBlock> sizes = new LinkedHashMap<>();
        for (Kernel k : kernels) {
            if (k != null) {
                sizes(k, names, sizes);
            }
        }
        if (!sizes.isEmpty()) {
            CodeBlock size = null;
            for (CodeBlock s : sizes.values()) {
                size = size == null ? s : CodeBlock.of("$T.max($L, $L)", Math.class, size, s);
            }
            b.addStatement("double[] $N = $T.get($L)", names.scratch(), Names.SCRATCH, size);
        }
        // a log-sum-exp whose softmax weights a gradient row reads keeps its exponentials apart,
        // where no other staged loop overwrites them before that row is written
        int slot = 1;
        for (Kernel k : kernels) {
            if (k == null) {
                continue;
            }
            for (Binding binding : k.bindings()) {
                if (binding.exponentials() != null && stagesLogSumExp(binding.loop())) {
                    b.addStatement("double[] $N = $T.get($L, $L)", binding.exponentials(), Names.SCRATCH, slot++,
                            length(binding.loop(), names));
                }
            }
        }
    }

    private static void sizes(Kernel kernel, LoopNames names, Map<String, CodeBlock> sizes) {
        if (kernel.loop() != null) {
            int slots = calls(kernel).size();
            if (slots > 0) {
                add(sizes, slots, kernel, names);
            }
        }
        for (Binding b : kernel.bindings()) {
            if (b.loop() == null) {
                continue;
            }
            if (b.expr() instanceof Reduce r && r.kind() == Reduce.Kind.LOG_SUM_EXP && b.exponentials() == null
                    && stagesLogSumExp(b.loop())) {
                add(sizes, 1, b.loop(), names);
            }
            sizes(b.loop(), names, sizes);
        }
        for (Kernel row : kernel.rows()) {
            if (row != null) {
                sizes(row, names, sizes);
            }
        }
    }

    private static void add(Map<String, CodeBlock> sizes, int slots, Kernel loop, LoopNames names) {
        CodeBlock length = length(loop, names);
        CodeBlock size = slots == 1 ? length : CodeBlock.of("$L * $L", slots, length);
        sizes.putIfAbsent(size.toString(), size);
    }

    /** The staged form of {@link KernelWriter#loop}: arguments, one pass per call, then the loop with its step. */
    static void loop(CodeBlock.Builder b, Kernel body, JavaExpressions inner, LoopNames names,
            java.util.function.Function<JavaExpressions, CodeBlock> step, List<Apply> calls) {
        Kernel.Loop loop = body.loop();
        String i = loop.indexName();
        CodeBlock length = length(body, names);
        Map<Expr, String> results = new LinkedHashMap<>();
        for (int k = 0; k < calls.size(); k++) {
            results.put(calls.get(k), slot(names, k, length, i).toString());
        }
        b.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, length, i);
        for (Binding binding : body.bindings()) {
            if (!dependsOnCall(binding.expr(), calls, loop.index())) {
                KernelWriter.binding(b, binding, inner);
            }
        }
        for (int k = 0; k < calls.size(); k++) {
            b.addStatement("$L = $L", slot(names, k, length, i), inner.reference(calls.get(k).arg(0)));
        }
        b.endControlFlow();
        for (int k = 0; k < calls.size(); k++) {
            CodeBlock offset = k == 0 ? CodeBlock.of("0") : k == 1 ? length : CodeBlock.of("$L * $L", k, length);
            b.addStatement("$T.$N($N, $L, $N, $L, $L)", Names.VECTOR_MATH, calls.get(k).op().symbol(), names.scratch(),
                    offset, names.scratch(), offset, length);
        }
        JavaExpressions withResults = inner.inner(results);
        b.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, length, i);
        for (Binding binding : body.bindings()) {
            if (calls.contains(binding.expr())) {
                b.addStatement("double $N = $L", binding.name(), results.get(binding.expr()));
            } else {
                KernelWriter.binding(b, binding, withResults);
            }
        }
        b.addStatement("$L", step.apply(withResults));
        b.endControlFlow();
    }

    /** {@code scratch[k * xLength + i]}. */
    static CodeBlock slot(LoopNames names, int k, CodeBlock length, String i) {
        CodeBlock index = k == 0 ? CodeBlock.of("$N", i) : k == 1 ? CodeBlock.of("$L + $N", length, i)
                : CodeBlock.of("$L * $L + $N", k, length, i);
        return CodeBlock.of("$N[$L]", names.scratch(), index);
    }

    private static boolean dependsOnCall(Expr e, List<Apply> calls, io.gradgen.processor.ir.Idx index) {
        return Indices.contains(e, calls::contains, x -> !Indices.dependsOn(x, index));
    }
}
