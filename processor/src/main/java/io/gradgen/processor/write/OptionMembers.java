package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.signature.SignatureReader;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The members of a generated loss that hold its options: the constructors, one accessor and one
 * immutable copy {@code with<P>} per {@code @Param}, and {@code withReduction}. Every way to set an
 * option ends in the private constructor, which checks each option against its stated range, so a
 * copy is checked as the constructor is.
 *
 * <p>An optional row ({@code @Param(1.0) double[] weight}, PyTorch's {@code weight=None}) may be
 * left out: the constructors without it, and {@code withWeight(null)}, leave it at its default,
 * and its accessor then returns null.
 */
final class OptionMembers {
    private final LossSignature s;
    private final ClassName self;
    private final String reduction;
    private final String elementIndex;

    /**
     * @param reduction the name of the reduction field (allocated around the user's names)
     * @param elementIndex a free name for the loop that checks a row's elements
     */
    OptionMembers(LossSignature s, ClassName self, String reduction, String elementIndex) {
        this.s = s;
        this.self = self;
        this.reduction = reduction;
        this.elementIndex = elementIndex;
    }

    /** Adds the constructors, accessors, copies, {@code withReduction} and {@code reduction()}. */
    void addTo(TypeSpec.Builder type) {
        addTo(type, CodeBlock.of(""));
    }

    /**
     * As {@link #addTo(TypeSpec.Builder)}, the checking constructor ending with {@code setup} (the
     * fields that depend on the options, once they are checked).
     */
    void addTo(TypeSpec.Builder type, CodeBlock setup) {
        addConstructors(type, setup);
        for (LossParameter c : s.constants()) {
            type.addMethod(accessor(c));
        }
        for (LossParameter c : s.constants()) {
            type.addMethod(copy(c));
        }
        type.addMethod(withReduction());
        type.addMethod(MethodSpec.methodBuilder("reduction")
                .addModifiers(Modifier.PUBLIC)
                .returns(Names.REDUCTION)
                .addJavadoc("Returns how this loss reduces over the batch.\n\n@return the reduction\n")
                .addStatement("return $N", reduction)
                .build());
    }

    private void addConstructors(TypeSpec.Builder type, CodeBlock setup) {
        List<LossParameter> constants = s.constants();
        List<LossParameter> required = constants.stream().filter(c -> !c.isOptionalRow()).toList();
        boolean optionalRows = required.size() < constants.size();
        if (!constants.isEmpty() && constants.stream().allMatch(c -> c.defaultValue().isPresent())
                && !(optionalRows && required.isEmpty())) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Creates the loss with the default $L.\n", constants.stream()
                            .map(c -> c.name() + " = " + defaultText(c)).collect(Collectors.joining(", ")))
                    .addStatement("this($L)", constants.stream().map(OptionMembers::defaultLiteral)
                            .collect(CodeBlock.joining(", ")))
                    .build());
        }
        if (optionalRows) {
            type.addMethod(withoutOptionalRows(constants, required));
        }
        MethodSpec.Builder full = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        full.addJavadoc(constants.isEmpty() ? "Creates the loss, reducing by {@code $L}.\n"
                : "Creates the loss with the given constants, reducing by {@code $L}.\n", s.reduction());
        for (LossParameter c : constants) {
            full.addParameter(KernelWriter.constantType(c), c.name());
            full.addJavadoc("\n@param $N $L", c.name(), describe(c));
        }
        if (!constants.isEmpty()) {
            full.addJavadoc("\n");
        }
        if (constants.stream().anyMatch(c -> c.range().isConstrained())) {
            full.addJavadoc("@throws IllegalArgumentException if a constant is outside its range\n");
        }
        full.addStatement("this($L$T.$L)", arguments(), Names.REDUCTION, s.reduction());
        type.addMethod(full.build());
        type.addMethod(checkingConstructor(constants, setup));
    }

    /** {@code new CrossEntropyLoss(ignoreIndex, labelSmoothing)}: every optional row at its default. */
    private MethodSpec withoutOptionalRows(List<LossParameter> constants, List<LossParameter> required) {
        MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the loss with $L left at $L default, reducing by {@code $L}.\n",
                        constants.stream().filter(LossParameter::isOptionalRow).map(c -> "{@code " + c.name() + "}")
                                .collect(Collectors.joining(" and ")),
                        constants.size() - required.size() > 1 ? "their" : "its", s.reduction());
        for (LossParameter c : required) {
            m.addParameter(KernelWriter.constantType(c), c.name());
            m.addJavadoc("\n@param $N $L", c.name(), describe(c));
        }
        if (!required.isEmpty()) {
            m.addJavadoc("\n");
        }
        if (required.stream().anyMatch(c -> c.range().isConstrained())) {
            m.addJavadoc("@throws IllegalArgumentException if a constant is outside its range\n");
        }
        CodeBlock args = constants.stream()
                .map(c -> c.isOptionalRow() ? CodeBlock.of("($T) null", KernelWriter.constantType(c))
                        : CodeBlock.of("$N", c.name()))
                .collect(CodeBlock.joining(", "));
        return m.addStatement("this($L, $T.$L)", args, Names.REDUCTION, s.reduction()).build();
    }

    /** The one constructor that sets the fields: rows copied, then every option checked. */
    private MethodSpec checkingConstructor(List<LossParameter> constants, CodeBlock setup) {
        MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        for (LossParameter c : constants) {
            m.addParameter(KernelWriter.constantType(c), c.name());
            if (c.isOptionalRow()) {
                m.addStatement("this.$N = $N == null ? null : $N.clone()", c.name(), c.name(), c.name());
            } else if (c.kind() == InputKind.CONSTANT_ROW) {
                m.addStatement("this.$N = $T.requireNonNull($N, $S).clone()", c.name(), Objects.class, c.name(),
                        c.name());
            } else {
                m.addStatement("this.$N = $N", c.name(), c.name());
            }
        }
        m.addParameter(Names.REDUCTION, reduction)
                .addStatement("this.$N = $T.requireNonNull($N, $S)", reduction, Objects.class, reduction, reduction);
        for (LossParameter c : constants) {
            CodeBlock check = OptionChecks.check(s.lossName(), c, elementIndex);
            if (c.isOptionalRow() && !check.isEmpty()) {
                m.beginControlFlow("if (this.$N != null)", c.name()).addCode(check).endControlFlow();
            } else {
                m.addCode(check);
            }
        }
        return m.addCode(setup).build();
    }

    /** The constants in order, each followed by a comma: the leading arguments of the checking constructor. */
    private String arguments() {
        return s.constants().stream().map(c -> c.name() + ", ").collect(Collectors.joining());
    }

    /** {@code new HuberLoss().withDelta(0.5)}: a new loss with one option changed, the rest kept. */
    private MethodSpec copy(LossParameter c) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(SignatureReader.copyMethodName(c.name()))
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addParameter(KernelWriter.constantType(c), c.name())
                .addJavadoc("Returns a copy of this loss with another {@code $L}, keeping the other constants and the\n"
                        + "reduction; this loss is unchanged.\n\n@param $N $L\n@return a new loss\n", c.name(), c.name(),
                        describe(c));
        if (c.range().isConstrained()) {
            m.addJavadoc("@throws IllegalArgumentException if {@code $L} is outside its range\n", c.name());
        }
        // the parameter shadows the field of the same name; the other constants are the fields
        return m.addStatement("return new $T($L$N)", self, arguments(), reduction).build();
    }

    /**
     * A batch loss's copy: as {@link #copy}, through its one public constructor, which checks every
     * option (a batch loss has no reduction to keep).
     */
    static MethodSpec batchCopy(LossSignature s, LossParameter c) {
        ClassName self = ClassName.get(s.packageName(), s.lossName());
        MethodSpec.Builder m = MethodSpec.methodBuilder(SignatureReader.copyMethodName(c.name()))
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addParameter(KernelWriter.constantType(c), c.name())
                .addJavadoc("Returns a copy of this loss with another {@code $L}, keeping the other constants; this\n"
                        + "loss is unchanged.\n\n@param $N $L\n@return a new loss\n", c.name(), c.name(), describe(c));
        if (c.range().isConstrained()) {
            m.addJavadoc("@throws IllegalArgumentException if {@code $L} is outside its range\n", c.name());
        }
        return m.addStatement("return new $T($L)", self,
                s.constants().stream().map(LossParameter::name).collect(Collectors.joining(", "))).build();
    }

    /** {@code new MSELoss().withReduction(Reduction.SUM)}: PyTorch's {@code reduction=} keyword. */
    private MethodSpec withReduction() {
        return MethodSpec.methodBuilder("withReduction")
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addParameter(Names.REDUCTION, reduction)
                .addJavadoc("Returns this loss with the same constants and another reduction, like PyTorch's\n"
                        + "{@code reduction=} argument.\n\n@param $N how to reduce over the batch\n"
                        + "@return a new loss\n", reduction)
                .addStatement("return new $T($L$N)", self, arguments(), reduction)
                .build();
    }

    /** {@code delta()}: a constant's accessor (a copy of a row; null for an optional row left out). */
    static MethodSpec accessor(LossParameter c) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(c.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(KernelWriter.constantType(c));
        if (c.isOptionalRow()) {
            return m.addJavadoc("Returns the row {@code $L} (a copy), or null when it was left at its default.\n\n"
                            + "@return the row given, or null\n", c.name())
                    .addStatement("return $N == null ? null : $N.clone()", c.name(), c.name())
                    .build();
        }
        m.addJavadoc("Returns the constant {@code $L}$L.\n\n@return the value given to the constructor\n",
                c.name(), c.kind() == InputKind.CONSTANT_ROW ? " (a copy)" : "");
        if (c.kind() == InputKind.CONSTANT_ROW) {
            m.addStatement("return $N.clone()", c.name());
        } else {
            m.addStatement("return $N", c.name());
        }
        return m.build();
    }

    /** The Javadoc of a constant's parameter: what it is, its range, and what null means for an optional row. */
    private static String describe(LossParameter c) {
        String range = c.range().isConstrained()
                ? (c.kind() == InputKind.CONSTANT_ROW ? ", every element " : ", ")
                        + c.range().describe(c.kind() == InputKind.CONSTANT_INT) : "";
        if (c.isOptionalRow()) {
            return "the optional row {@code " + c.name() + "}" + range + ", or null to leave it at its default (every"
                    + " element " + JavaExpressions.literal(c.defaultValue().getAsDouble()) + ")";
        }
        return "the {@code @Param} constant {@code " + c.name() + "}" + range;
    }

    static CodeBlock defaultLiteral(LossParameter c) {
        if (c.isOptionalRow()) {
            return CodeBlock.of("($T) null", KernelWriter.constantType(c));
        }
        double v = c.defaultValue().getAsDouble();
        if (c.kind() == InputKind.CONSTANT_BOOLEAN) {
            return CodeBlock.of("$L", v != 0);
        }
        return c.kind() == InputKind.CONSTANT_INT ? CodeBlock.of("$L", (int) v) : JavaExpressions.literal(v);
    }

    private static String defaultText(LossParameter c) {
        return c.isOptionalRow() ? "all " + JavaExpressions.literal(c.defaultValue().getAsDouble())
                : defaultLiteral(c).toString();
    }

    /**
     * {@code toString}: the loss's name and its options, as PyTorch prints a module.
     *
     * @param local a name for a local that no constant has
     */
    MethodSpec toStringMethod(String local) {
        List<LossParameter> constants = s.constants();
        MethodSpec.Builder m = MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class);
        if (constants.stream().anyMatch(LossParameter::isOptionalRow)) {
            return m.addCode(toStringSkippingDefaultRows(local)).build();
        }
        CodeBlock.Builder text = GeneratedMembers.constantsText(s);
        text.add(" + ($N == $T.$L ? $S : $S + $N) + $S", reduction, Names.REDUCTION, s.reduction(), "",
                constants.isEmpty() ? "reduction=" : ", reduction=", reduction, ")");
        return m.addStatement("return $L", text.build()).build();
    }

    /** As PyTorch's {@code weight=None}, an optional row left out is not shown. */
    private CodeBlock toStringSkippingDefaultRows(String text) {
        CodeBlock.Builder b = CodeBlock.builder().addStatement("$T $N = new $T($S, $S, $S)", java.util.StringJoiner.class,
                text, java.util.StringJoiner.class, ", ", s.lossName() + "(", ")");
        for (LossParameter c : s.constants()) {
            if (c.isOptionalRow()) {
                b.beginControlFlow("if ($N != null)", c.name())
                        .addStatement("$N.add($S + $T.toString($N))", text, c.name() + "=", java.util.Arrays.class,
                                c.name())
                        .endControlFlow();
            } else if (c.kind() == InputKind.CONSTANT_ROW) {
                b.addStatement("$N.add($S + $T.toString($N))", text, c.name() + "=", java.util.Arrays.class, c.name());
            } else {
                b.addStatement("$N.add($S + $N)", text, c.name() + "=", c.name());
            }
        }
        return b.beginControlFlow("if ($N != $T.$L)", reduction, Names.REDUCTION, s.reduction())
                .addStatement("$N.add($S + $N)", text, "reduction=", reduction)
                .endControlFlow()
                .addStatement("return $N.toString()", text)
                .build();
    }
}
