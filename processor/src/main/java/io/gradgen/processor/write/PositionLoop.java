package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import java.util.List;

/**
 * The start every kernel over a chunk of positions shares: the kernel's scratch arrays, the loop
 * over the positions {@code [from, to)}, the inputs read at the position, then the kernel's own
 * bindings. What follows (its outputs) and the loop's end are the caller's.
 */
final class PositionLoop {
    private PositionLoop() {
    }

    /**
     * Writes the start of {@code kernel}'s loop into {@code body}.
     *
     * @param validateLabels whether labels are checked as they are read (forward kernels), or only
     *     cast (the backward's, whose forward checked them)
     */
    static void open(CodeBlock.Builder body, LossModel model, LoopNames names, Kernel kernel, JavaExpressions java,
            boolean validateLabels) {
        StagedLoops.declareScratch(body, List.of(kernel), names);
        KernelWriter.beginPositionLoop(body, model.signature(), names);
        KernelWriter.loadInputs(body, model.signature(), names, kernel, model.rowChecks(), validateLabels);
        KernelWriter.bindings(body, kernel, java, names);
    }
}
