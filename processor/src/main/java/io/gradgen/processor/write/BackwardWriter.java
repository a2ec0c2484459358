package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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

/**
 * Writes {@code <Name>Backward}: the {@code BackwardFunction} whose single pass over the batch
 * writes every requested gradient from the derived formulas, scaled by the upstream gradient.
 */
final class BackwardWriter {
    private static final ClassName ATOMIC_REFERENCE = ClassName.get(java.util.concurrent.atomic.AtomicReference.class);

    private final LossModel model;
    private final LossSignature s;
    private final LoopNames names;

    // the class's own names, allocated around the user's parameter names
    private final String reductionField;
    private final String divisorField;
    private final String gradOutput;
    private final String fusedField;
    private final String fusedLocal;
    private final String deliveredLocal;
    /** Each tensor input's version at the forward, by input name. */
    private final java.util.Map<String, String> versionFields = new java.util.LinkedHashMap<>();

    private final GeneratedTypes types;

    BackwardWriter(LossModel model) {
        this(model, GeneratedTypes.of(model.signature()));
    }

    BackwardWriter(LossModel model, GeneratedTypes types) {
        this.model = model;
        this.types = types;
        this.s = model.signature();
        this.names = model.backwardNames();
        NameAllocator taken = GeneratedMembers.reservedNames(s, names);
        model.saved().forEach(v -> taken.reserve(v.array()));
        reductionField = taken.allocate("reduction");
        divisorField = taken.allocate("divisor");
        gradOutput = taken.allocate("gradOutput");
        fusedField = taken.allocate("fused");
        fusedLocal = taken.allocate("fusedNow");
        deliveredLocal = taken.allocate("delivered");
        for (LossParameter p : s.tensorInputs()) {
            versionFields.put(p.name(), taken.allocate(p.name() + "Version"));
        }
    }

    TypeSpec write(Element origin, boolean annotateGenerated) {
        TypeSpec.Builder type = TypeSpec.classBuilder(types.backward())
                .addModifiers(types.modifiers())
                .addSuperinterface(Names.BACKWARD_FUNCTION)
                .addJavadoc(types.nested() ? Javadocs.variantClass(s, types.defaulted(), "the gradients")
                        : Javadocs.backwardClass(model));
        if (!types.nested()) {
            // a nested variant's origin is its enclosing class's: JavaPoet collects nested types' origins
            type.addOriginatingElement(origin);
        }
        if (annotateGenerated && !types.nested()) {
            type.addAnnotation(ForwardWriter.generated());
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        GeneratedMembers.savedInputs(type, constructor, s, versionFields);
        for (Saved v : model.saved()) {
            TypeName array = ArrayTypeName.of(TypeName.DOUBLE);
            type.addField(array, v.array(), Modifier.PRIVATE, Modifier.FINAL);
            constructor.addParameter(array, v.array()).addStatement("this.$N = $N", v.array(), v.array());
        }
        type.addField(Names.REDUCTION, reductionField, Modifier.PRIVATE, Modifier.FINAL);
        type.addField(TypeName.DOUBLE, divisorField, Modifier.PRIVATE, Modifier.FINAL);
        constructor.addParameter(Names.REDUCTION, reductionField)
                .addStatement("this.$N = $N", reductionField, reductionField)
                .addParameter(TypeName.DOUBLE, divisorField).addStatement("this.$N = $N", divisorField, divisorField);
        // double[][] from the double kernels, float[][] from the float ones (LossResults.deliverFused takes either)
        TypeName arrays = ClassName.OBJECT;
        type.addField(com.palantir.javapoet.FieldSpec.builder(ParameterizedTypeName.get(ATOMIC_REFERENCE, arrays),
                        fusedField, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The gradients the forward computed in its pass ({@code double[][]}, or {@code float[][]}\n"
                        + "from its float kernels; null when it did not), taken by the first {@code apply}: a second\n"
                        + "one computes them again.\n")
                .build());
        constructor.addParameter(arrays, fusedField)
                .addStatement("this.$N = new $T<>($N)", fusedField, ATOMIC_REFERENCE, fusedField);
        type.addMethod(constructor.build());
        GeneratedMembers.nameAndInputs(type, s);
        type.addMethod(GeneratedMembers.derivation(Javadocs.derivationText(model)));
        type.addMethod(apply());
        type.addMethod(kernel());
        if (model.stagedBackward() != null) {
            type.addMethod(stagedKernel());
        }
        return type.build();
    }

    private MethodSpec apply() {
        LossParameter first = s.tensorInputs().get(0);
        MethodSpec.Builder m = MethodSpec.methodBuilder("apply")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ArrayTypeName.of(Names.TENSOR))
                .addParameter(Names.TENSOR, gradOutput);
        GeneratedMembers.checkVersions(m, s, versionFields);
        deliverFused(m);
        for (LossParameter p : s.tensorInputs()) {
            m.addStatement("double[] $N = $T.data($N)", names.data().get(p.name()), Names.SUPPORT_BATCH, p.name());
        }
        if (s.hasRows()) {
            for (LossParameter p : s.tensorInputs()) {
                if (p.kind() == InputKind.ROW) {
                    m.addStatement("int $N = $T.rowLength($N)", names.lengths().get(p.name()), Names.SUPPORT_BATCH,
                            p.name());
                }
            }
            m.addStatement("int $N = $T.positions($N, $L)", names.positions(), Names.SUPPORT_BATCH, first.name(),
                    first.kind() == InputKind.ROW);
        } else {
            m.addStatement("int $N = $N.length", names.positions(), names.data().get(first.name()));
        }
        if (s.hasLastIndex()) {
            m.addStatement("int $N = $T.lastDim($T.batchShapeOf($N, $L))", names.lastDim(), Names.SUPPORT_BATCH,
                    Names.SUPPORT_BATCH, first.name(), first.kind() == InputKind.ROW);
        }
        for (LossParameter p : model.differentiable()) {
            // a leaf's own grad array, added into: no gradient buffer per training step
            m.addStatement("double[] $N = $N.requiresGrad() ? $T.gradientBuffer($N) : null",
                    names.grads().get(p.name()), p.name(), Names.SUPPORT_RESULTS, p.name());
        }
        // NONE: one upstream value per position; otherwise one for all, divided as the forward divided
        m.addStatement("double[] $N = $N == $T.NONE ? $T.data($N) : null", names.upstream(), reductionField,
                Names.REDUCTION, Names.SUPPORT_BATCH, gradOutput);
        m.addStatement("double $N = $N == null ? $N.item() / $N : 1.0", names.scale(), names.upstream(), gradOutput,
                divisorField);
        List<String> args = new java.util.ArrayList<>(List.of(names.upstream(), names.scale()));
        args.addAll(kernelArguments());
        m.addStatement("$T.forRows($N, $L, $L)", Names.PARALLEL, names.positions(),
                KernelWriter.workPerPosition(s, names),
                KernelWriter.chunkBody(names, "gradients", args, model.stagedBackward() != null));
        CodeBlock results = s.tensorInputs().stream().map(p -> {
            String grad = names.grads().get(p.name());
            return grad == null ? CodeBlock.of("null")
                    : CodeBlock.of("$N == null || $T.addsIntoGrad($N) ? null : $T.wrap($N, $N.shape())", grad,
                            Names.SUPPORT_RESULTS, p.name(), Names.SUPPORT_RESULTS, grad, p.name());
        }).collect(CodeBlock.joining(",\n"));
        m.addStatement("return new $T[] {\n$>$L$<}", Names.TENSOR, results);
        return m.build();
    }

    /** Returns the forward's fused gradients when {@code LossResults.deliverFused} can deliver them. */
    private void deliverFused(MethodSpec.Builder m) {
        String differentiable = model.differentiable().stream().map(LossParameter::name)
                .collect(Collectors.joining(", "));
        m.addStatement("$T $N = $N.getAndSet(null)", Object.class, fusedLocal, fusedField)
                .beginControlFlow("if ($N != null)", fusedLocal)
                .addStatement("$T[] $N = $T.deliverFused($N, $N, $L)", Names.TENSOR, deliveredLocal, Names.SUPPORT_RESULTS,
                        gradOutput, fusedLocal, differentiable)
                .beginControlFlow("if ($N != null)", deliveredLocal);
        if (model.differentiable().size() == s.tensorInputs().size()) {
            m.addStatement("return $N", deliveredLocal);
        } else {
            CodeBlock results = s.tensorInputs().stream().map(p -> {
                int k = model.differentiable().indexOf(p);
                return k < 0 ? CodeBlock.of("null") : CodeBlock.of("$N[$L]", deliveredLocal, k);
            }).collect(CodeBlock.joining(", "));
            m.addStatement("return new $T[] {$L}", Names.TENSOR, results);
        }
        m.endControlFlow().endControlFlow();
    }

    private List<String> kernelArguments() {
        List<String> args = new java.util.ArrayList<>(KernelWriter.dataArguments(s, names));
        model.saved().forEach(v -> args.add(v.array()));
        model.differentiable().forEach(p -> args.add(names.grads().get(p.name())));
        return args;
    }

    private MethodSpec kernel() {
        JavaExpressions java = new JavaExpressions(model.backward().names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(model.backward()), names);
        KernelWriter.beginPositionLoop(body, s, names);
        body.addStatement("double $N = $N == null ? $N : $N[$N]", names.scaleAt(), names.upstream(), names.scale(),
                names.upstream(), names.index());
        KernelWriter.loadInputs(body, s, names, model.backward(), model.rowChecks(), false);
        for (Saved v : model.saved()) {
            body.addStatement("double $N = $N[$N]", v.backwardLocal(), v.array(), names.index());
        }
        KernelWriter.bindings(body, model.backward(), java, names);
        List<Expr> gradients = model.backward().outputs();
        for (int k = 0; k < gradients.size(); k++) {
            LossParameter p = model.differentiable().get(k);
            String grad = names.grads().get(p.name());
            Kernel row = model.backward().rows().get(k);
            body.beginControlFlow("if ($N != null)", grad);
            if (row == null) {
                body.addStatement("$N[$N] += $L", grad, names.index(), KernelWriter.scaled(gradients.get(k), java, names.scaleAt()));
            } else {
                // one element of the gradient row per iteration: ∂loss/∂x[j]
                JavaExpressions inner = java.inner(row.names());
                String j = row.loop().indexName();
                Expr gradient = gradients.get(k);
                KernelWriter.loop(body, row, inner, names, java2 -> CodeBlock.of("$N[$N + $N] += $L", grad,
                        names.offsets().get(p.name()), j, KernelWriter.scaled(gradient, java2, names.scaleAt())));
            }
            body.endControlFlow();
        }
        body.endControlFlow();
        MethodSpec.Builder m = MethodSpec.methodBuilder("gradients")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), names.upstream())
                .addParameter(TypeName.DOUBLE, names.scale())
                .addParameters(KernelWriter.dataParameters(s, names));
        for (Saved v : model.saved()) {
            m.addParameter(ArrayTypeName.of(TypeName.DOUBLE), v.array());
        }
        for (LossParameter p : model.differentiable()) {
            m.addParameter(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), names.grads().get(p.name())).build());
        }
        return m.addParameters(KernelWriter.rangeParameters(names))
                .addJavadoc("Adds the gradients of the positions {@code [$N, $N)} into the gradient arrays.\n",
                        names.from(), names.to())
                .addCode(body.build()).build();
    }

    /** {@code gradientsStaged}: as {@code gradients}, with {@code VectorMath} computing the transcendental calls. */
    private MethodSpec stagedKernel() {
        CodeBlock.Builder body = CodeBlock.builder();
        StagedWriter.write(body, model, model.stagedBackward(), names, false, (java, last) -> {
            body.addStatement("double $N = $N == null ? $N : $N[$N]", names.scaleAt(), names.upstream(),
                    names.scale(), names.upstream(), names.index());
            List<Expr> gradients = last.outputs();
            for (int k = 0; k < gradients.size(); k++) {
                String grad = names.grads().get(model.differentiable().get(k).name());
                body.beginControlFlow("if ($N != null)", grad)
                        .addStatement("$N[$N] += $L", grad, names.index(), KernelWriter.scaled(gradients.get(k), java, names.scaleAt()))
                        .endControlFlow();
            }
        });
        MethodSpec.Builder m = MethodSpec.methodBuilder("gradientsStaged")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("As {@code gradients}, with {@code VectorMath} computing the transcendental calls over blocks.\n")
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), names.upstream())
                .addParameter(TypeName.DOUBLE, names.scale())
                .addParameters(KernelWriter.dataParameters(s, names));
        for (LossParameter p : model.differentiable()) {
            m.addParameter(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), names.grads().get(p.name())).build());
        }
        return m.addParameters(KernelWriter.rangeParameters(names)).addCode(body.build()).build();
    }

}
