package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.plan.BatchModel;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the forward class of a batch loss: a {@code LossFunction} whose {@code forward} takes the
 * whole batch ({@code [B, D]} tensors for {@code double[][]}, {@code [B]} labels for {@code int[]})
 * and returns the loss of the batch as a 0-dim tensor. It has no reduction to choose.
 */
final class BatchForwardWriter {
    private final BatchModel model;
    private final LossSignature s;
    private final BatchKernels kernels;
    private final String nameField;
    private final String inputsField;
    private final String valueLocal;
    private final String elementIndex;

    BatchForwardWriter(BatchModel model) {
        this.model = model;
        this.s = model.signature();
        this.kernels = new BatchKernels(model);
        NameAllocator taken = GeneratedMembers.reservedNames(s, model.names());
        nameField = taken.allocate("NAME");
        inputsField = taken.allocate("INPUTS");
        valueLocal = taken.allocate("value");
        elementIndex = taken.allocate("k");
    }

    TypeSpec write(Element origin, boolean annotateGenerated) {
        TypeSpec.Builder type = TypeSpec.classBuilder(s.lossName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(Names.LOSS_FUNCTION)
                .addSuperinterface(java.io.Serializable.class)
                .addField(FieldSpec.builder(TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).initializer("1L").build())
                .addJavadoc(javadoc())
                .addOriginatingElement(origin)
                .addField(FieldSpec.builder(String.class, nameField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", s.lossName()).build())
                .addField(FieldSpec.builder(ArrayTypeName.of(String.class), inputsField, Modifier.PRIVATE,
                                Modifier.STATIC, Modifier.FINAL)
                        .initializer("{$L}", s.tensorInputs().stream().map(p -> CodeBlock.of("$S", p.name()))
                                .collect(CodeBlock.joining(", ")))
                        .build())
                .addStaticBlock(Names.supportApiCheck(nameField));
        if (annotateGenerated) {
            type.addAnnotation(ForwardWriter.generated());
        }
        for (LossParameter c : s.constants()) {
            type.addField(KernelWriter.constantType(c), c.name(), Modifier.PRIVATE, Modifier.FINAL);
        }
        addConstructors(type);
        for (LossParameter c : s.constants()) {
            type.addMethod(OptionMembers.accessor(c));
        }
        for (LossParameter c : s.constants()) {
            type.addMethod(OptionMembers.batchCopy(s, c));
        }
        type.addMethod(withReduction());
        type.addMethod(typedForward());
        type.addMethod(GeneratedMembers.varargsForward(s, nameField, inputsField, "the loss of the batch"));
        type.addMethod(valueMethod());
        if (model.requirements() != null) {
            type.addMethod(kernels.requirementsMethod(nameField));
        }
        type.addMethod(toStringMethod());
        return type.build();
    }

    private CodeBlock javadoc() {
        return CodeBlock.builder()
                .add("The batch loss {@code $L}, $L $L.\n", s.methodName(), GeneratedMarker.JAVADOC, Javadocs.source(s))
                .add("\n<p>Over the whole batch ($L):\n", s.tensorInputs().stream()
                        .map(p -> "{@code " + p.name() + "} " + (p.kind() == InputKind.MATRIX ? "{@code [B, D]}"
                                : "{@code [B]} labels"))
                        .collect(Collectors.joining(", ")))
                .add(Javadocs.pre(model.formulas().definitions(), List.of(model.formulas().value())))
                .add("\n<p>A batch loss returns the loss of the whole batch, so it has no reduction. The gradient is"
                        + " computed by {@link $L}.\n", s.backwardName())
                .build();
    }

    private void addConstructors(TypeSpec.Builder type) {
        List<LossParameter> constants = s.constants();
        if (!constants.isEmpty() && constants.stream().allMatch(c -> c.defaultValue().isPresent())) {
            CodeBlock defaults = constants.stream().map(OptionMembers::defaultLiteral).collect(CodeBlock.joining(", "));
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Creates the loss with the default $L.\n", constants.stream()
                            .map(c -> c.name() + " = " + OptionMembers.defaultLiteral(c))
                            .collect(Collectors.joining(", ")))
                    .addStatement("this($L)", defaults)
                    .build());
        }
        MethodSpec.Builder full = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc(constants.isEmpty() ? "Creates the loss.\n" : "Creates the loss with the given constants.\n");
        for (LossParameter c : constants) {
            full.addParameter(KernelWriter.constantType(c), c.name());
            full.addJavadoc("\n@param $N the {@code @Param} constant {@code $L}$L", c.name(), c.name(),
                    c.range().isConstrained() ? ", " + c.range().describe(c.kind() == InputKind.CONSTANT_INT) : "");
            if (c.kind() == InputKind.CONSTANT_ROW) {
                full.addStatement("this.$N = $T.requireNonNull($N, $S).clone()", c.name(), java.util.Objects.class,
                        c.name(), c.name());
            } else {
                full.addStatement("this.$N = $N", c.name(), c.name());
            }
        }
        if (!constants.isEmpty()) {
            full.addJavadoc("\n");
        }
        if (constants.stream().anyMatch(c -> c.range().isConstrained())) {
            full.addJavadoc("@throws IllegalArgumentException if a constant is outside its range\n");
        }
        for (LossParameter c : constants) {
            full.addCode(OptionChecks.check(s.lossName(), c, elementIndex));
        }
        type.addMethod(full.build());
    }

    /** A batch loss has no reduction: {@code withReduction} says so instead of ignoring its argument. */
    private MethodSpec withReduction() {
        return MethodSpec.methodBuilder("withReduction")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Names.LOSS_FUNCTION)
                .addParameter(Names.REDUCTION, "reduction")
                .addJavadoc("Always throws: a batch loss returns the loss of the whole batch, as its method computes"
                        + " it,\nso there is no per-position loss to reduce.\n\n@param reduction ignored\n"
                        + "@return never\n@throws UnsupportedOperationException always\n")
                .addStatement("throw new $T($N + $S + reduction + $S)", UnsupportedOperationException.class, nameField,
                        " is a batch loss: it returns the loss of the whole batch, so withReduction(",
                        ") has no meaning; scale the loss instead (for a sum over the batch, multiply the mean by B)")
                .build();
    }

    private MethodSpec typedForward() {
        ClassName backward = ClassName.get(s.packageName(), s.backwardName());
        List<LossParameter> inputs = s.tensorInputs();
        MethodSpec.Builder m = GeneratedMembers.typedForward(inputs, p -> p.kind() == InputKind.MATRIX
                ? "the batch's rows, shape {@code [B, D]} (differentiable)"
                : "the batch's integral labels, shape {@code [B]}");
        m.addJavadoc("@return the loss of the batch, a 0-dim tensor\n"
                + "@throws IllegalArgumentException if a shape or a label does not fit the loss\n");
        kernels.loadInputs(m, CodeBlock.of("$N", nameField));
        kernels.checks(m, nameField);
        List<String> args = kernels.inputArguments();
        if (model.requirements() != null) {
            m.addStatement("checkRequirements($L)", String.join(", ", args));
        }
        m.addStatement("double $N = value($L)", valueLocal, String.join(", ", args));
        String tensors = inputs.stream().map(LossParameter::name).collect(Collectors.joining(", "));
        m.beginControlFlow("if (!$T.needsGrad($L))", Names.SUPPORT_RESULTS, tensors)
                .addStatement("return $T.result($N, null, $L)", Names.BATCH_SUPPORT, valueLocal, tensors)
                .endControlFlow();
        List<String> backwardArgs = new ArrayList<>(inputs.stream().map(LossParameter::name).toList());
        s.constants().forEach(c -> backwardArgs.add(c.name()));
        m.addStatement("return $T.result($N, new $T($L), $L)", Names.BATCH_SUPPORT, valueLocal, backward,
                String.join(", ", backwardArgs), tensors);
        return m.build();
    }

    /** {@code value(...)}: the tables it reads, then the loss, computed once for the batch. */
    private MethodSpec valueMethod() {
        Kernel kernel = model.value();
        JavaExpressions java = kernels.java(kernel);
        CodeBlock.Builder body = CodeBlock.builder();
        List<Kernel> all = new ArrayList<>();
        model.valueTables().forEach(t -> all.add(t.body()));
        all.add(kernel);
        StagedLoops.declareScratch(body, all, model.names());
        int[] slots = {BatchKernels.FIRST_TABLE_SLOT};
        model.valueTables().forEach(t -> kernels.declare(body, t, slots));
        kernels.fill(body, model.valueTables());
        KernelWriter.bindings(body, kernel, java, model.names());
        body.addStatement("return $L", java.reference(kernel.outputs().get(0)));
        return MethodSpec.methodBuilder("value")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.DOUBLE)
                .addJavadoc("The loss of the batch, as the method computes it.\n")
                .addParameters(kernels.inputParameters())
                .addCode(body.build())
                .build();
    }

    private MethodSpec toStringMethod() {
        CodeBlock.Builder text = GeneratedMembers.constantsText(s);
        text.add(" + $S", ")");
        return MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $L", text.build())
                .build();
    }
}
