package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
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

    /** After the loop over the block's positions is closed: the gradients rounded, the block loop closed. */
    void end(CodeBlock.Builder b) {
        for (LossParameter p : gradients) {
            String grad = names.grads().get(p.name());
            b.beginControlFlow("if ($N != null)", grad)
                    .addStatement("$T.narrow($N, $N, $N, $N)", FLOAT_BLOCKS, grad, names.floats().get(grad),
                            names.start(), names.end())
                    .endControlFlow();
        }
        b.endControlFlow();
    }
}
