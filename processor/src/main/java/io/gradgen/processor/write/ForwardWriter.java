package io.gradgen.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.plan.Saved;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.ir.Expr;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** Writes {@code <Name>}: the forward, a {@code LossFunction} that reduces the per-position loss over the batch. */
final class ForwardWriter {

    private final LossModel model;
    private final LossSignature s;
    private final LoopNames names;

    // the class's own names, allocated around the user's parameter names (a tensor input called
    // shape or a @Param called NAME must not capture them; found by the fuzzer)
    private final String NAME_FIELD;
    private final String INPUTS_FIELD;
    private final String ROWS_FIELD;
    private final String REDUCTION;
    private final String inputsLocal;
    private final String shapeLocal;
    private final String needsGradLocal;
    private final String divisorLocal;
    private final String valueLocal;
    private final String fusedLocal;
    private final String elementIndex;
    /** The float32 path (null when the loss has none, see {@link FloatKernels#apply}). */
    private final FloatKernels floatKernels;

    private final GeneratedTypes types;
    private final VariantDispatch variants;

    ForwardWriter(LossModel model) {
        this(model, GeneratedTypes.of(model.signature()), List.of());
    }

    /**
     * @param types the classes to write (the public pair, or a variant's nested pair)
     * @param variants the loss's variants with {@code @Param}s at their defaults, which the
     *     public class runs when exactly those are at their defaults (empty for a variant itself)
     */
    ForwardWriter(LossModel model, GeneratedTypes types, List<DefaultVariant> variants) {
        this.model = model;
        this.types = types;
        this.s = model.signature();
        this.names = model.forwardNames();
        NameAllocator taken = GeneratedMembers.reservedNames(s, names);
        model.saved().forEach(v -> taken.reserve(v.array()));
        NAME_FIELD = taken.allocate("NAME");
        INPUTS_FIELD = taken.allocate("INPUTS");
        ROWS_FIELD = taken.allocate("ROWS");
        REDUCTION = taken.allocate("reduction");
        inputsLocal = taken.allocate("inputs");
        shapeLocal = taken.allocate("shape");
        needsGradLocal = taken.allocate("needsGrad");
        divisorLocal = taken.allocate("divisor");
        valueLocal = taken.allocate("value");
        fusedLocal = taken.allocate("fused");
        elementIndex = taken.allocate("k");
        this.variants = new VariantDispatch(s, variants, taken, REDUCTION);
        floatKernels = FloatKernels.apply(model) ? new FloatKernels(model, REDUCTION, inputsLocal, shapeLocal,
                divisorLocal, valueLocal, fusedLocal) : null;
    }

    TypeSpec write(Element origin, boolean annotateGenerated) {
        TypeSpec.Builder type = TypeSpec.classBuilder(types.forward())
                .addModifiers(types.modifiers())
                .addSuperinterface(model.secondOrder() != null ? Names.SECOND_ORDER_LOSS : Names.LOSS_FUNCTION)
                // its state is its options, so Spark can ship it to executors
                .addSuperinterface(java.io.Serializable.class)
                .addField(FieldSpec.builder(TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).initializer("1L").build())
                .addJavadoc(types.nested() ? Javadocs.variantClass(s, types.defaulted(), "its kernels")
                        : Javadocs.forwardClass(model))
                .addField(FieldSpec.builder(String.class, NAME_FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", s.lossName()).build())
                .addField(FieldSpec.builder(ArrayTypeName.of(String.class), INPUTS_FIELD,
                                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("{$L}", s.tensorInputs().stream().map(p -> CodeBlock.of("$S", p.name()))
                                .collect(CodeBlock.joining(", ")))
                        .build())
                // fails at class initialisation, naming both versions, when the runtime's differs
                .addStaticBlock(Names.supportApiCheck(NAME_FIELD));
        if (!types.nested()) {
            // a nested variant's origin is its enclosing class's: JavaPoet collects nested types' origins
            type.addOriginatingElement(origin);
        }
        if (annotateGenerated && !types.nested()) {
            type.addAnnotation(generated());
        }
        if (s.hasRows()) {
            type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.BOOLEAN), ROWS_FIELD,
                            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("{$L}", s.tensorInputs().stream()
                            .map(p -> CodeBlock.of("$L", p.kind() == InputKind.ROW))
                            .collect(CodeBlock.joining(", ")))
                    .build());
        }
        for (LossParameter c : s.constants()) {
            type.addField(KernelWriter.constantType(c), c.name(), Modifier.PRIVATE, Modifier.FINAL);
        }
        type.addField(Names.REDUCTION, REDUCTION, Modifier.PRIVATE, Modifier.FINAL);
        variants.addFields(type);
        new OptionMembers(s, types.forward(), REDUCTION, elementIndex).addTo(type, variants.setup());
        type.addMethod(typedForward());
        type.addMethod(varargsForward());
        type.addMethod(kernel(false, false));
        type.addMethod(kernel(true, false));
        if (model.stagedForward() != null) {
            type.addMethod(stagedKernel(false, false));
            type.addMethod(stagedKernel(true, false));
        }
        type.addMethod(fusedKernel(false));
        if (model.stagedFused() != null) {
            type.addMethod(stagedFusedKernel(false));
        }
        if (floatKernels != null) {
            List<String> backwardArgs = allNames();
            backwardArgs.add(REDUCTION);
            type.addMethod(floatKernels.forwardMethod(types.backward(), backwardArgs));
            type.addMethod(kernel(false, true));
            if (model.stagedForward() != null) {
                type.addMethod(stagedKernel(false, true));
            }
            type.addMethod(fusedKernel(true));
            if (model.stagedFused() != null) {
                type.addMethod(stagedFusedKernel(true));
            }
        }
        if (model.weights() != null) {
            type.addMethod(weightKernel());
        }
        if (model.requirements() != null) {
            type.addMethod(RequirementWriter.method(model, names, NAME_FIELD));
        }
        if (model.secondOrder() != null) {
            SecondOrderWriter secondOrder = new SecondOrderWriter(model, this);
            type.addMethod(secondOrder.method());
            type.addMethod(secondOrder.kernel());
        }
        type.addMethod(new OptionMembers(s, types.forward(), REDUCTION, elementIndex).toStringMethod(valueLocal));
        return type.build();
    }

    static AnnotationSpec generated() {
        return AnnotationSpec.builder(Names.GENERATED).addMember("value", "$S", Names.PROCESSOR).build();
    }

    private MethodSpec typedForward() {
        ClassName backward = types.backward();
        List<LossParameter> inputs = s.tensorInputs();
        MethodSpec.Builder m = GeneratedMembers.typedForward(inputs, ForwardWriter::describe);
        m.addJavadoc("@return the loss of every batch position, with the batch shape, for {@code Reduction.NONE};\n"
                + "    else a 0-dim tensor: the reduced loss\n"
                + "@throws IllegalArgumentException if the inputs' batch shapes differ$L\n",
                inputs.stream().anyMatch(p -> p.kind() == InputKind.LABEL)
                        ? ", or a label is not integral" : "");
        String args = inputs.stream().map(LossParameter::name).collect(Collectors.joining(", "));
        dispatchToVariants(m, "forward(" + args + ")", true);
        m.addStatement("$T[] $N = {$L}", Names.TENSOR, inputsLocal, args);
        prepareShape(m);
        if (floatKernels != null) {
            floatKernels.dispatch(m);
        }
        prepareData(m);
        List<String> kernelArgs = new java.util.ArrayList<>(KernelWriter.dataArguments(s, names));
        m.addStatement("boolean $N = $T.needsGrad($N)", needsGradLocal, Names.SUPPORT_RESULTS, inputsLocal);
        for (Saved v : model.saved()) {
            // what the backward would otherwise recompute by looping over each row again
            m.addStatement("double[] $N = $N ? new double[$N] : null", v.array(), needsGradLocal, names.positions());
            kernelArgs.add(v.array());
        }
        CodeBlock work = KernelWriter.workPerPosition(s, names);
        List<String> backwardArgs = allNames();
        backwardArgs.add(REDUCTION);
        m.beginControlFlow("if ($N == $T.NONE)", REDUCTION, Names.REDUCTION);
        m.addStatement("double[] $N = new double[$N]", names.out(), names.positions());
        List<String> perPositionArgs = new java.util.ArrayList<>(kernelArgs);
        perPositionArgs.add(names.out());
        // fixed chunks of positions, in parallel for large batches: the same result for any thread count
        boolean staged = model.stagedForward() != null;
        m.addStatement("$T.forRows($N, $L, $L)", Names.PARALLEL, names.positions(), work,
                KernelWriter.chunkBody(names, "perPosition", perPositionArgs, staged));
        m.beginControlFlow("if (!$N)", needsGradLocal)
                .addStatement("return $T.wrap($N, $N)", Names.SUPPORT_RESULTS, names.out(), shapeLocal)
                .endControlFlow();
        m.addStatement("return $T.result($N, $N, new $T($L, 1.0, null))", Names.SUPPORT_RESULTS, names.out(), shapeLocal,
                backward, String.join(", ", backwardArgs));
        m.endControlFlow();
        m.addStatement("double $N = $L", divisorLocal, KernelWriter.divisor(model, names, REDUCTION, shapeLocal));
        fusedForward(m, kernelArgs, work, backward, backwardArgs);
        m.addStatement("double $N = $T.sumRows($N, $L, $L) / $N", valueLocal, Names.PARALLEL, names.positions(), work,
                KernelWriter.chunkBody(names, "sum", kernelArgs, staged), divisorLocal);
        m.beginControlFlow("if (!$N)", needsGradLocal)
                .addStatement("return $T.scalar($N)", Names.TENSOR, valueLocal)
                .endControlFlow();
        m.addStatement("return $T.result(new double[] {$N}, new int[0], new $T($L, $N, null))", Names.SUPPORT_RESULTS,
                valueLocal, backward, String.join(", ", backwardArgs), divisorLocal);
        return m.build();
    }

    /**
     * From the array {@code inputs} of the named tensor inputs to the kernels' arguments: the batch
     * shape (inputs checked to agree), row lengths, the number of positions, the run-time checks on
     * rows, and each input's data array.
     */
    void prepareInputs(MethodSpec.Builder m) {
        prepareShape(m);
        prepareData(m);
    }

    /** The batch shape, row lengths, number of positions and row checks: what comes before reading data. */
    private void prepareShape(MethodSpec.Builder m) {
        List<LossParameter> inputs = s.tensorInputs();
        if (s.hasRows()) {
            m.addStatement("int[] $N = $T.batchShape($N, $N, $N, $N)", shapeLocal, Names.SUPPORT_INPUTS, NAME_FIELD,
                    INPUTS_FIELD, ROWS_FIELD, inputsLocal);
            for (LossParameter p : inputs) {
                if (p.kind() == InputKind.ROW) {
                    m.addStatement("int $N = $T.rowLength($N)", names.lengths().get(p.name()), Names.SUPPORT_BATCH,
                            p.name());
                }
            }
        } else {
            m.addStatement("int[] $N = $T.elementBatchShape($N, $N, $N)", shapeLocal, Names.SUPPORT_INPUTS, NAME_FIELD,
                    INPUTS_FIELD, inputsLocal);
        }
        m.addStatement("int $N = $T.numel($N)", names.positions(), Names.SUPPORT_BATCH, shapeLocal);
        if (s.hasLastIndex()) {
            m.addStatement("int $N = $T.lastDim($N)", names.lastDim(), Names.SUPPORT_BATCH, shapeLocal);
        }
        rowChecks(m);
    }

    /** Each input's data array, then the requirements checked on them. */
    private void prepareData(MethodSpec.Builder m) {
        for (LossParameter p : s.tensorInputs()) {
            m.addStatement("double[] $N = $T.data($N)", names.data().get(p.name()), Names.SUPPORT_BATCH, p.name());
        }
        RequirementWriter.call(m, model, names);
    }

    /** The test at the top of a call that hands it to the variant with the same options, if one was made. */
    void dispatchToVariants(MethodSpec.Builder m, String call, boolean returnsValue) {
        variants.dispatch(m, call, returnsValue);
    }

    String nameField() {
        return NAME_FIELD;
    }

    String inputsField() {
        return INPUTS_FIELD;
    }

    String inputsLocal() {
        return inputsLocal;
    }

    /**
     * When the inputs need gradients (and {@code LossResults.fusedGradients} finds that fusing pays):
     * one pass computes the loss and writes the gradients for an upstream gradient of 1, which the
     * backward then delivers without reading the inputs again.
     */
    private void fusedForward(MethodSpec.Builder m, List<String> kernelArgs, CodeBlock work, ClassName backward,
            List<String> backwardArgs) {
        String differentiable = model.differentiable().stream().map(LossParameter::name)
                .collect(Collectors.joining(", "));
        m.addStatement("double[][] $N = $N ? $T.fusedGradients($L) : null", fusedLocal, needsGradLocal,
                Names.SUPPORT_RESULTS, differentiable);
        m.beginControlFlow("if ($N != null)", fusedLocal);
        m.addStatement("double $N = 1.0 / $N", names.scale(), divisorLocal);
        List<String> args = new java.util.ArrayList<>(kernelArgs);
        for (int k = 0; k < model.differentiable().size(); k++) {
            String grad = names.grads().get(model.differentiable().get(k).name());
            m.addStatement("double[] $N = $N[$L]", grad, fusedLocal, k);
            args.add(grad);
        }
        args.add(names.scale());
        m.addStatement("double $N = $T.sumRows($N, $L, $L) / $N", valueLocal, Names.PARALLEL, names.positions(), work,
                KernelWriter.chunkBody(names, "sumAndGradients", args, model.stagedFused() != null), divisorLocal);
        m.addStatement("return $T.result(new double[] {$N}, new int[0], new $T($L, $N, $N))", Names.SUPPORT_RESULTS,
                valueLocal, backward, String.join(", ", backwardArgs), divisorLocal, fusedLocal);
        m.endControlFlow();
    }

    /**
     * Before any work: rows that one loop indexes together have equal lengths, and each constant
     * index is within the rows it indexes.
     */
    private void rowChecks(MethodSpec.Builder m) {
        for (List<String> group : model.rowChecks().sameLength()) {
            String first = group.get(0);
            for (String other : group.subList(1, group.size())) {
                m.addStatement("$T.checkSameLength($N, $S, $L, $S, $L)", Names.SUPPORT_INPUTS, NAME_FIELD, first,
                        KernelWriter.length(first, names), other, KernelWriter.length(other, names));
            }
        }
        for (String row : model.rowChecks().lastIndexRows()) {
            m.addStatement("$T.checkLastDim($N, $S, $L, $N)", Names.SUPPORT_INPUTS, NAME_FIELD, row,
                    KernelWriter.length(row, names), names.lastDim());
        }
        model.rowChecks().constantIndices().forEach((index, rows) -> {
            for (String row : rows) {
                m.addStatement("$T.checkConstantIndex($N, $S, $L, $S, $L)", Names.SUPPORT_INPUTS, NAME_FIELD, index,
                        index, row, KernelWriter.length(row, names));
            }
        });
    }

    private List<String> allNames() {
        List<String> all = new java.util.ArrayList<>();
        s.tensorInputs().forEach(p -> all.add(p.name()));
        s.constants().forEach(p -> all.add(p.name()));
        model.saved().forEach(v -> all.add(v.array()));
        return all;
    }

    private static String describe(LossParameter p) {
        return switch (p.kind()) {
            case LABEL -> "integral values (labels), one per batch position";
            case ROW -> "one row per batch position, along the last dimension (differentiable)";
            default -> "one value per batch position (differentiable)";
        };
    }

    private MethodSpec varargsForward() {
        return GeneratedMembers.varargsForward(s, NAME_FIELD, INPUTS_FIELD, "the loss");
    }

    /** {@code perPosition} (the loss of each position) when {@code none}, else {@code sum} (their total). */
    private MethodSpec kernel(boolean none, boolean float32) {
        JavaExpressions java = new JavaExpressions(model.forward().names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(model.forward()), names);
        if (!none) {
            body.addStatement("double $N = 0.0", names.total());
        }
        FloatBlockLoop blocks = beginPositions(body, float32, model.forward(), List.of());
        KernelWriter.loadInputs(body, s, names, model.forward(), model.rowChecks(), true, float32 && s.hasRows());
        KernelWriter.bindings(body, model.forward(), java, names);
        for (Saved v : model.saved()) {
            body.beginControlFlow("if ($N != null)", v.array())
                    .addStatement("$N[$N] = $N", v.array(), names.index(), v.forwardLocal())
                    .endControlFlow();
        }
        CodeBlock value = java.reference(model.forward().outputs().get(0));
        if (none) {
            body.addStatement("$N[$N] = $L", names.out(), names.index(), value);
        } else {
            body.addStatement("$N += $L", names.total(), value);
        }
        endPositions(body, blocks);
        if (!none) {
            body.addStatement("return $N", names.total());
        }
        return kernelMethod((none ? "perPosition" : "sum") + (float32 ? FloatKernels.SUFFIX : ""), none, float32, float32,
                none
                ? CodeBlock.of("The loss of each position in {@code [$N, $N)}, stored into {@code $N}.\n", names.from(),
                        names.to(), names.out())
                : CodeBlock.of("The sum of the loss over the positions {@code [$N, $N)}$L.\n", names.from(), names.to(),
                        float32 ? " (float inputs)" : ""),
                body.build());
    }

    /**
     * Opens the loop over a chunk's positions: directly, or for a float kernel over blocks widened
     * to double ({@link FloatBlockLoop}, returned so that {@link #endPositions} can close it).
     */
    private FloatBlockLoop beginPositions(CodeBlock.Builder body, boolean float32, Kernel kernel,
            List<LossParameter> gradients) {
        if (!float32) {
            KernelWriter.beginPositionLoop(body, s, names);
            return null;
        }
        FloatBlockLoop blocks = new FloatBlockLoop(model, names, gradients);
        blocks.begin(body, kernel);
        return blocks;
    }

    /** Closes what {@link #beginPositions} opened. */
    private static void endPositions(CodeBlock.Builder body, FloatBlockLoop blocks) {
        body.endControlFlow();
        if (blocks != null) {
            blocks.end(body);
        }
    }

    /** A forward kernel method: the data, the saved arrays, the output for NONE, then the chunk's range. */
    private MethodSpec kernelMethod(String name, boolean none, boolean float32, boolean blocks, CodeBlock javadoc,
            CodeBlock body) {
        MethodSpec.Builder kernel = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(javadoc)
                .returns(none ? TypeName.VOID : TypeName.DOUBLE)
                .addParameters(KernelWriter.dataParameters(s, names, float32, blocks));
        for (Saved v : model.saved()) {
            kernel.addParameter(ArrayTypeName.of(TypeName.DOUBLE), v.array());
        }
        if (none) {
            kernel.addParameter(ArrayTypeName.of(TypeName.DOUBLE), names.out());
        }
        return kernel.addParameters(KernelWriter.rangeParameters(names)).addCode(body).build();
    }

    /**
     * {@code sumStaged} / {@code perPositionStaged}: the same values as {@link #kernel}, with the
     * transcendental calls run by {@code VectorMath} over blocks of positions.
     */
    private MethodSpec stagedKernel(boolean none, boolean float32) {
        CodeBlock.Builder body = CodeBlock.builder();
        if (!none) {
            body.addStatement("double $N = 0.0", names.total());
        }
        StagedWriter.write(body, model, model.stagedForward(), names, true, (java, last) -> {
            CodeBlock value = java.reference(last.outputs().get(0));
            if (none) {
                body.addStatement("$N[$N] = $L", names.out(), names.index(), value);
            } else {
                body.addStatement("$N += $L", names.total(), value);
            }
        });
        if (!none) {
            body.addStatement("return $N", names.total());
        }
        String plain = (none ? "perPosition" : "sum") + (float32 ? FloatKernels.SUFFIX : "");
        return kernelMethod(plain + "Staged", none, float32, false,
                CodeBlock.of("As {@code $L}, with {@code VectorMath} computing the transcendental calls over blocks.\n",
                        plain),
                body.build());
    }

    /** {@code sumAndGradients}: the loss summed over a chunk, and each requested gradient stored. */
    private MethodSpec fusedKernel(boolean float32) {
        Kernel fused = model.fused();
        JavaExpressions java = new JavaExpressions(fused.names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(fused), names);
        body.addStatement("double $N = 0.0", names.total());
        FloatBlockLoop blocks = beginPositions(body, float32, fused, model.differentiable());
        KernelWriter.loadInputs(body, s, names, fused, model.rowChecks(), true, float32 && s.hasRows());
        KernelWriter.bindings(body, fused, java, names);
        for (Saved v : model.saved()) {
            // the backward reads them only if it cannot deliver these gradients (an upstream gradient other than 1)
            body.beginControlFlow("if ($N != null)", v.array())
                    .addStatement("$N[$N] = $L", v.array(), names.index(), java.reference(v.expr()))
                    .endControlFlow();
        }
        // a float kernel's loop stores the block's double gradients, rounded to float per block; a row
        // loss's element inputs are not widened: their gradients are rounded as they are stored
        storeFused(body, java, fused, float32 && s.hasRows());
        endPositions(body, blocks);
        body.addStatement("return $N", names.total());
        return fusedKernelMethod("sumAndGradients" + (float32 ? FloatKernels.SUFFIX : ""), float32, float32, CodeBlock.of(
                "The sum of the loss over the positions {@code [$N, $N)}, and the gradient of each input whose array\n"
                        + "is not null, times {@code $N}, stored into it: forward and backward in one pass$L.\n",
                names.from(), names.to(), names.scale(), float32 ? " (float inputs and gradients)" : ""), body.build());
    }

    /** {@code sumAndGradientsStaged}: as {@code sumAndGradients}, with {@code VectorMath} computing the transcendental calls. */
    private MethodSpec stagedFusedKernel(boolean float32) {
        CodeBlock.Builder body = CodeBlock.builder();
        body.addStatement("double $N = 0.0", names.total());
        StagedWriter.write(body, model, model.stagedFused(), names, true,
                (java, last) -> storeFused(body, java, last, float32));
        body.addStatement("return $N", names.total());
        String plain = "sumAndGradients" + (float32 ? FloatKernels.SUFFIX : "");
        return fusedKernelMethod(plain + "Staged", float32, false, CodeBlock.of(
                "As {@code $L}, with {@code VectorMath} computing the transcendental calls over blocks.\n", plain),
                body.build());
    }

    /** {@code total += value;} then {@code gradPred[i] = scale * dPred;} for each gradient array present. */
    private void storeFused(CodeBlock.Builder body, JavaExpressions java, Kernel kernel, boolean float32) {
        body.addStatement("$N += $L", names.total(), java.reference(kernel.outputs().get(0)));
        for (int k = 0; k < model.differentiable().size(); k++) {
            LossParameter p = model.differentiable().get(k);
            String grad = names.grads().get(p.name());
            Expr gradient = kernel.outputs().get(k + 1);
            Kernel row = kernel.rows().get(k + 1);
            body.beginControlFlow("if ($N != null)", grad);
            if (row == null) {
                body.addStatement("$L", FloatKernels.store(float32, CodeBlock.of("$N[$N]", grad, names.index()),
                        KernelWriter.scaled(gradient, java, names.scale())));
            } else {
                // one element of the gradient row per iteration: ∂loss/∂x[j]
                JavaExpressions inner = java.inner(row.names());
                String j = row.loop().indexName();
                KernelWriter.loop(body, row, inner, names, java2 -> CodeBlock.of("$N[$N + $N] = $L", grad,
                        names.offsets().get(p.name()), j, KernelWriter.scaled(gradient, java2, names.scale())));
            }
            body.endControlFlow();
        }
    }

    private MethodSpec fusedKernelMethod(String name, boolean float32, boolean blocks, CodeBlock javadoc,
            CodeBlock body) {
        MethodSpec.Builder kernel = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(javadoc)
                .returns(TypeName.DOUBLE)
                .addParameters(KernelWriter.dataParameters(s, names, float32, blocks));
        for (Saved v : model.saved()) {
            kernel.addParameter(ArrayTypeName.of(TypeName.DOUBLE), v.array());
        }
        for (LossParameter p : model.differentiable()) {
            String grad = names.grads().get(p.name());
            kernel.addParameter(FloatKernels.dataType(float32),
                    blocks && KernelWriter.widened(s, p) ? names.floats().get(grad) : grad);
        }
        return kernel.addParameter(TypeName.DOUBLE, names.scale())
                .addParameters(KernelWriter.rangeParameters(names)).addCode(body).build();
    }

    /** Σ of the per-position weights the loss declared with {@code Functions.weighted}: the mean's denominator. */
    private MethodSpec weightKernel() {
        JavaExpressions java = new JavaExpressions(model.weights().names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(model.weights()), names);
        body.addStatement("double $N = 0.0", names.total());
        KernelWriter.beginPositionLoop(body, s, names);
        KernelWriter.loadInputs(body, s, names, model.weights(), model.rowChecks(), false);
        KernelWriter.bindings(body, model.weights(), java, names);
        body.addStatement("$N += $L", names.total(), java.reference(model.weights().outputs().get(0)));
        body.endControlFlow();
        body.addStatement("return $N", names.total());
        return MethodSpec.methodBuilder("weights")
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameters(KernelWriter.weightParameters(s, names))
                .addParameters(KernelWriter.rangeParameters(names))
                .addCode(body.build())
                .build();
    }
}
