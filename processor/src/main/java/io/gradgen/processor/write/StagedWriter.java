package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.StagedKernel;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes the body of a staged kernel (see {@link StagedKernel}): blocks of {@code Scratch.BLOCK}
 * positions; per block, one loop per stage that stores the calls' arguments in scratch, one
 * {@code VectorMath} pass per call, and a last loop that reads the results and stores the outputs.
 */
final class StagedWriter {
    private StagedWriter() {
    }

    /**
     * @param body where to write
     * @param model the loss
     * @param staged the staged kernel
     * @param names the loop names
     * @param validateLabels whether the last stage checks labels (the forward does)
     * @param store writes the last stage's stores, given the renderer and the last kernel
     */
    static void write(CodeBlock.Builder body, LossModel model, StagedKernel staged, LoopNames names,
            boolean validateLabels, BiConsumer<JavaExpressions, Kernel> store) {
        String i = names.index();
        int slots = staged.calls().size();
        body.addStatement("double[] $N = $T.get($L)", names.scratch(), Names.SCRATCH,
                slots == 1 ? CodeBlock.of("$T.BLOCK", Names.SCRATCH) : CodeBlock.of("$L * $T.BLOCK", slots, Names.SCRATCH));
        body.beginControlFlow("for (int $N = $N; $N < $N; $N += $T.BLOCK)", names.start(), names.from(), names.start(),
                names.to(), names.start(), Names.SCRATCH);
        body.addStatement("int $N = $T.min($N, $N + $T.BLOCK)", names.end(), Math.class, names.to(), names.start(),
                Names.SCRATCH);
        for (StagedKernel.Stage stage : staged.stages()) {
            JavaExpressions java = new JavaExpressions(stage.kernel().names(), names, model.rowChecks());
            List<Expr> args = stage.kernel().outputs();
            // an argument that is itself a staged call's result is read from that call's slot, not copied
            boolean copies = false;
            for (Expr arg : args) {
                copies |= !(arg instanceof Apply a && staged.calls().contains(a));
            }
            if (copies) {
                body.beginControlFlow("for (int $N = $N; $N < $N; $N++)", i, names.start(), i, names.end(), i);
                KernelWriter.loadInputs(body, model.signature(), names, stage.kernel(), model.rowChecks(), false);
                loadResults(body, staged, stage.kernel(), names);
                KernelWriter.bindings(body, stage.kernel(), java, names);
                for (int k = 0; k < args.size(); k++) {
                    if (!(args.get(k) instanceof Apply a && staged.calls().contains(a))) {
                        body.addStatement("$N[$L] = $L", names.scratch(), slot(staged, stage.calls().get(k), names),
                                java.reference(args.get(k)));
                    }
                }
                body.endControlFlow();
            }
            for (int k = 0; k < args.size(); k++) {
                Apply call = stage.calls().get(k);
                CodeBlock source = args.get(k) instanceof Apply a && staged.calls().contains(a)
                        ? offset(staged, a) : offset(staged, call);
                body.addStatement("$T.$N($N, $L, $N, $L, $N - $N)", Names.VECTOR_MATH, call.op().symbol(),
                        names.scratch(), source, names.scratch(), offset(staged, call), names.end(), names.start());
            }
        }
        Kernel last = staged.last();
        JavaExpressions java = new JavaExpressions(last.names(), names, model.rowChecks());
        body.beginControlFlow("for (int $N = $N; $N < $N; $N++)", i, names.start(), i, names.end(), i);
        KernelWriter.loadInputs(body, model.signature(), names, last, model.rowChecks(), validateLabels);
        loadResults(body, staged, last, names);
        KernelWriter.bindings(body, last, java, names);
        store.accept(java, last);
        body.endControlFlow();
        body.endControlFlow();
    }

    /** {@code double exp = scratch[Scratch.BLOCK + i - start];} for each call result the kernel reads. */
    private static void loadResults(CodeBlock.Builder body, StagedKernel staged, Kernel kernel, LoopNames names) {
        for (Apply call : staged.calls()) {
            String name = kernel.names().get(call);
            if (name != null && reads(staged, kernel, call)) {
                body.addStatement("double $N = $N[$L]", name, names.scratch(), slot(staged, call, names));
            }
        }
    }

    /** Whether the kernel reads the call's result: it occurs outside every other call's result. */
    private static boolean reads(StagedKernel staged, Kernel kernel, Expr call) {
        // a call's result is read from scratch: what it was computed from is not read
        java.util.function.Predicate<Expr> stop = e -> e instanceof Apply a && staged.calls().contains(a);
        for (Expr o : kernel.outputs()) {
            if (io.gradgen.processor.ir.Indices.contains(o, call::equals, stop)) {
                return true;
            }
        }
        for (io.gradgen.processor.plan.Binding b : kernel.bindings()) {
            if (io.gradgen.processor.ir.Indices.contains(b.expr(), call::equals, stop)) {
                return true;
            }
        }
        return false;
    }

    private static CodeBlock slot(StagedKernel staged, Apply call, LoopNames names) {
        return CodeBlock.of("$L$N - $N", offsetPrefix(staged, call), names.index(), names.start());
    }

    private static CodeBlock offset(StagedKernel staged, Apply call) {
        int slot = staged.slot(call);
        return slot == 0 ? CodeBlock.of("0") : slot == 1 ? CodeBlock.of("$T.BLOCK", Names.SCRATCH)
                : CodeBlock.of("$L * $T.BLOCK", slot, Names.SCRATCH);
    }

    private static CodeBlock offsetPrefix(StagedKernel staged, Apply call) {
        int slot = staged.slot(call);
        return slot == 0 ? CodeBlock.of("") : CodeBlock.of("$L + ", offset(staged, call));
    }
}
