package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.LossSignature;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code checkRequirements}: the conditions a loss's body needs its inputs to meet (indices
 * the processor could not prove inside their rows), checked at every batch position before any
 * work, each failing with the user's own code in the message.
 */
final class RequirementWriter {
    private RequirementWriter() {
    }

    /** {@code Parallel.forRows(positions, work, (chunk, from, to) -> checkRequirements(...))}, or nothing. */
    static void call(MethodSpec.Builder m, LossModel model, LoopNames names) {
        if (model.requirements() == null) {
            return;
        }
        LossSignature s = model.signature();
        m.addStatement("$T.forRows($N, $L, $L)", Names.PARALLEL, names.positions(), KernelWriter.workPerPosition(s, names),
                KernelWriter.chunkLambda(names, "checkRequirements", KernelWriter.dataArguments(s, names)));
    }

    static MethodSpec method(LossModel model, LoopNames names, String nameField) {
        Kernel kernel = model.requirements();
        LossSignature s = model.signature();
        JavaExpressions java = new JavaExpressions(kernel.names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        PositionLoop.open(body, model, names, kernel, java, true);
        for (int k = 0; k < kernel.outputs().size(); k++) {
            body.beginControlFlow("if (!($L))", java.reference(kernel.outputs().get(k)))
                    .addStatement("throw $T.unmet($N, $S, $N)", Names.SUPPORT_INPUTS, nameField,
                            model.requirementTexts().get(k), names.index())
                    .endControlFlow();
        }
        body.endControlFlow();
        return MethodSpec.methodBuilder("checkRequirements")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Checks, at the positions {@code [$N, $N)}, what the loss's body needs of its inputs.\n",
                        names.from(), names.to())
                .addParameters(KernelWriter.dataParameters(s, names))
                .addParameters(KernelWriter.rangeParameters(names))
                .addCode(body.build())
                .build();
    }
}
