package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** The runtime types generated code refers to. */
final class Names {
    static final ClassName TENSOR = ClassName.get("io.gradgen", "Tensor");
    static final ClassName LOSS_FUNCTION = ClassName.get("io.gradgen", "LossFunction");
    static final ClassName SECOND_ORDER_LOSS = ClassName.get("io.gradgen", "SecondOrderLoss");
    /**
     * The runtime's support API for generated code: {@code io.gradgen.LossSupport} holds its version
     * check, and one class per concern the rest.
     */
    static final ClassName LOSS_SUPPORT = ClassName.get("io.gradgen", "LossSupport");
    static final ClassName SUPPORT_INPUTS = ClassName.get("io.gradgen", "LossInputs");
    static final ClassName SUPPORT_VERSIONS = ClassName.get("io.gradgen", "LossVersions");
    static final ClassName SUPPORT_BATCH = ClassName.get("io.gradgen", "LossBatch");
    static final ClassName SUPPORT_RESULTS = ClassName.get("io.gradgen", "LossResults");
    static final ClassName SUPPORT_KERNELS = ClassName.get("io.gradgen", "LossKernels");

    /**
     * The version of {@code LossSupport} this processor writes code against, its
     * {@code API_VERSION}: every generated loss passes it to {@code LossSupport.requireApiVersion}.
     * Change both together whenever a support method changes or goes.
     */
    static final int SUPPORT_API_VERSION = 5;

    /**
     * The static initializer of a generated loss: it states the support-API version it was written
     * against, and fails at class initialisation, naming both versions, when the runtime's differs.
     */
    static CodeBlock supportApiCheck(String nameField) {
        return CodeBlock.builder()
                .add("// generated against version $L of the runtime's support API\n", SUPPORT_API_VERSION)
                .addStatement("$T.requireApiVersion($N, $L)", LOSS_SUPPORT, nameField, SUPPORT_API_VERSION)
                .build();
    }
    static final ClassName FUNCTIONS = ClassName.get("io.gradgen", "Functions");
    static final ClassName BACKWARD_FUNCTION = ClassName.get("io.gradgen.autograd", "BackwardFunction");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName REDUCTION = ClassName.get("io.gradgen.annotations", "Reduction");
    static final ClassName PARALLEL = ClassName.get("io.gradgen.kernels", "Parallel");
    static final ClassName BATCH_SUPPORT = ClassName.get("io.gradgen", "BatchSupport");
    static final ClassName SCRATCH = ClassName.get("io.gradgen.kernels", "Scratch");
    static final ClassName BRANCHLESS = ClassName.get("io.gradgen.kernels", "Branchless");
    static final ClassName VECTOR_MATH = ClassName.get("io.gradgen.kernels", "VectorMath");
    static final String PROCESSOR = "io.gradgen.processor.GradgenProcessor";

    private Names() {
    }
}
