package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import java.util.List;
import java.util.Set;

/**
 * The loop of a plain float kernel ({@code sum32}, {@code sumAndGradients32}): the positions in
 * blocks, each input's floats widened into a double block ({@code FloatBlocks.widen}), the double
 * loop body over the block as the double kernel has it, and each gradient block rounded back into
 * its float array ({@code FloatBlocks.narrow}):
 * <pre>{@code
 * double[] predData = FloatBlocks.block(0);
 * double[] gradPred = gradPredFloats == null ? null : FloatBlocks.block(2);
 * for (int start = from; start < to; start += FloatBlocks.SIZE) {
 *     int end = Math.min(start + FloatBlocks.SIZE, to);
 *     FloatBlocks.widen(predFloats, start, end, predData);
 *     for (int i = 0; i < end - start; i++) { ...the double kernel's body... }
 *     if (gradPred != null) FloatBlocks.narrow(gradPred, gradPredFloats, start, end);
 * }
 * }</pre>
 * The same bits as converting inside the loop (each value widened exactly, rounded once, the loss
 * summed in position order), at the double loop's speed: see {@code FloatBlocks} for why.
 *
 * <p>A row loss's kernels widen the rows of a block of positions ({@code FloatBlocks.positions}: as
 * many rows as fit in a block, at least one), loop over the positions themselves (so a label's
 * message names its position), with each row's offset taken within the block, and read element
 * inputs as floats and labels as doubles where they are:
 * <pre>{@code
 * int blockPositions = FloatBlocks.positions(logitsLength);
 * double[] logitsData = FloatBlocks.block(0, blockPositions * logitsLength);
 * for (int start = from; start < to; start += blockPositions) {
 *     int end = Math.min(start + blockPositions, to);
 *     FloatBlocks.widen(logitsFloats, start * logitsLength, end * logitsLength, logitsData);
 *     for (int n = start; n < end; n++) {
 *         int logitsOffset = (n - start) * logitsLength;
 *         ...the double kernel's body...
 *     }
 *     if (gradLogits != null) FloatBlocks.narrow(gradLogits, gradLogitsFloats, start * logitsLength, end * logitsLength);
 * }
 * }</pre>
 */
final class FloatBlockLoop {
    private static final ClassName FLOAT_BLOCKS = ClassName.get("io.gradgen.kernels", "FloatBlocks");

    private final LossModel model;
    private final LoopNames names;
    private final List<LossParameter> gradients;

    /**
     * @param gradients the inputs whose gradients the kernel stores (none for {@code sum32})
     */
    FloatBlockLoop(LossModel model, LoopNames names, List<LossParameter> gradients) {
        this.model = model;
        this.names = names;
        this.gradients = gradients;
    }

    /** The block arrays, then the block loop and the loop over the block's positions, left open. */
    void begin(CodeBlock.Builder b, Kernel kernel) {
        if (model.signature().hasRows()) {
            beginRows(b, kernel);
            return;
        }
        Set<String> used = KernelWriter.usedVariables(kernel);
        int k = 0;
        for (LossParameter p : model.signature().tensorInputs()) {
            if (used.contains(p.name())) {
                b.addStatement("double[] $N = $T.block($L)", names.data().get(p.name()), FLOAT_BLOCKS, k++);
            }
        }
        for (LossParameter p : gradients) {
            String grad = names.grads().get(p.name());
            b.addStatement("double[] $N = $N == null ? null : $T.block($L)", grad, names.floats().get(grad),
                    FLOAT_BLOCKS, k++);
        }
        b.beginControlFlow("for (int $N = $N; $N < $N; $N += $T.SIZE)", names.start(), names.from(), names.start(),
                names.to(), names.start(), FLOAT_BLOCKS);
        b.addStatement("int $N = $T.min($N + $T.SIZE, $N)", names.end(), Math.class, names.start(), FLOAT_BLOCKS,
                names.to());
        for (LossParameter p : model.signature().tensorInputs()) {
            if (used.contains(p.name())) {
                String data = names.data().get(p.name());
                b.addStatement("$T.widen($N, $N, $N, $N)", FLOAT_BLOCKS, names.floats().get(data), names.start(),
                        names.end(), data);
            }
        }
        b.beginControlFlow("for (int $N = 0; $N < $N - $N; $N++)", names.index(), names.index(), names.end(),
                names.start(), names.index());
    }

    /** {@link #begin} for a row loss: blocks of whole rows, the positions looped over as they are. */
    private void beginRows(CodeBlock.Builder b, Kernel kernel) {
        Set<String> used = KernelWriter.usedVariables(kernel);
        List<LossParameter> rows = rowInputs();
        CodeBlock longest = CodeBlock.of("$N", length(rows.get(rows.size() - 1)));
        for (int r = rows.size() - 2; r >= 0; r--) {
            longest = CodeBlock.of("$T.max($N, $L)", Math.class, length(rows.get(r)), longest);
        }
        b.addStatement("int $N = $T.positions($L)", names.blockPositions(), FLOAT_BLOCKS, longest);
        int k = 0;
        for (LossParameter p : rows) {
            if (used.contains(p.name())) {
                b.addStatement("double[] $N = $T.block($L, $N * $N)", names.data().get(p.name()), FLOAT_BLOCKS, k++,
                        names.blockPositions(), length(p));
            }
        }
        for (LossParameter p : rowGradients()) {
            String grad = names.grads().get(p.name());
            b.addStatement("double[] $N = $N == null ? null : $T.block($L, $N * $N)", grad, names.floats().get(grad),
                    FLOAT_BLOCKS, k++, names.blockPositions(), length(p));
        }
        b.beginControlFlow("for (int $N = $N; $N < $N; $N += $N)", names.start(), names.from(), names.start(),
                names.to(), names.start(), names.blockPositions());
        b.addStatement("int $N = $T.min($N + $N, $N)", names.end(), Math.class, names.start(), names.blockPositions(),
                names.to());
        for (LossParameter p : rows) {
            if (used.contains(p.name())) {
                String data = names.data().get(p.name());
                b.addStatement("$T.widen($N, $N * $N, $N * $N, $N)", FLOAT_BLOCKS, names.floats().get(data),
                        names.start(), length(p), names.end(), length(p), data);
            }
        }
        KernelWriter.beginPositionLoop(b, model.signature(), names, names.start(), names.end());
    }

    /** After the loop over the block's positions is closed: the gradients rounded, the block loop closed. */
    void end(CodeBlock.Builder b) {
        boolean rows = model.signature().hasRows();
        for (LossParameter p : rows ? rowGradients() : gradients) {
            String grad = names.grads().get(p.name());
            b.beginControlFlow("if ($N != null)", grad);
            if (rows) {
                b.addStatement("$T.narrow($N, $N, $N * $N, $N * $N)", FLOAT_BLOCKS, grad, names.floats().get(grad),
                        names.start(), length(p), names.end(), length(p));
            } else {
                b.addStatement("$T.narrow($N, $N, $N, $N)", FLOAT_BLOCKS, grad, names.floats().get(grad),
                        names.start(), names.end());
            }
            b.endControlFlow();
        }
        b.endControlFlow();
    }

    private List<LossParameter> rowInputs() {
        return model.signature().tensorInputs().stream().filter(p -> p.kind() == InputKind.ROW).toList();
    }

    private List<LossParameter> rowGradients() {
        return gradients.stream().filter(p -> p.kind() == InputKind.ROW).toList();
    }

    private String length(LossParameter row) {
        return names.lengths().get(row.name());
    }
}
