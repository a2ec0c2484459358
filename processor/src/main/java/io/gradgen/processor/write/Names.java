package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to. */
final class Names {
    static final ClassName TENSOR = ClassName.get("io.gradgen", "Tensor");
    static final ClassName LOSS_FUNCTION = ClassName.get("io.gradgen", "LossFunction");
    static final ClassName SECOND_ORDER_LOSS = ClassName.get("io.gradgen", "SecondOrderLoss");
    static final ClassName LOSS_SUPPORT = ClassName.get("io.gradgen", "LossSupport");
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
