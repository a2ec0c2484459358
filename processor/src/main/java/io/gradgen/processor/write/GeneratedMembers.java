package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;

/**
 * The members every generated forward and backward class has alike, whatever its kernels: the
 * varargs {@code forward}, the backward's saved inputs with their versions, the version checks that
 * open {@code apply}, and the gradients {@code apply} returns.
 */
final class GeneratedMembers {
    private static final ClassName LIST = ClassName.get("java.util", "List");

    private GeneratedMembers() {
    }

    /**
     * The start of a forward's {@code toString}: {@code "Name(" + "a=" + a + ", w=" + Arrays.toString(w)},
     * one {@code name=value} per constant; the caller adds what follows and the closing parenthesis.
     */
    static CodeBlock.Builder constantsText(LossSignature s) {
        List<LossParameter> constants = s.constants();
        CodeBlock.Builder text = CodeBlock.builder().add("$S", s.lossName() + "(");
        for (int i = 0; i < constants.size(); i++) {
            LossParameter c = constants.get(i);
            String label = (i == 0 ? "" : ", ") + c.name() + "=";
            if (c.kind() == InputKind.CONSTANT_ROW) {
                text.add(" + $S + $T.toString($N)", label, java.util.Arrays.class, c.name());
            } else {
                text.add(" + $S + $N", label, c.name());
            }
        }
        return text;
    }

    /**
     * The names a generated class's own members must not take: the loss's parameters and the names
     * of its kernels' locals.
     */
    static NameAllocator reservedNames(LossSignature s, LoopNames names) {
        NameAllocator taken = new NameAllocator(s.parameters().stream().map(LossParameter::name).toList());
        names.all().forEach(taken::reserve);
        return taken;
    }

    /** A backward's {@code static String derivation()}: {@code text}, the formulas it implements. */
    static MethodSpec derivation(String text) {
        return MethodSpec.methodBuilder("derivation")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(String.class)
                .addJavadoc("The formulas this backward implements, as in the class documentation.\n\n"
                        + "@return one formula per line\n")
                .addStatement("return $S", text)
                .build();
    }

    /** A backward's {@code name()} and {@code inputs()}: its class name, and the forward's tensor inputs. */
    static void nameAndInputs(TypeSpec.Builder type, LossSignature s) {
        type.addMethod(MethodSpec.methodBuilder("name")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
                .addStatement("return $S", s.backwardName()).build());
        type.addMethod(MethodSpec.methodBuilder("inputs")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(LIST, Names.TENSOR))
                .addStatement("return $T.of($L)", LIST,
                        s.tensorInputs().stream().map(LossParameter::name).collect(Collectors.joining(", ")))
                .build());
    }

    /**
     * The opening of the typed {@code forward(Tensor, ...)}: a parameter for each tensor input, each
     * documented by {@code describe}; the caller adds the return, checks and body.
     */
    static MethodSpec.Builder typedForward(List<LossParameter> inputs, Function<LossParameter, String> describe) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward")
                .addModifiers(Modifier.PUBLIC)
                .returns(Names.TENSOR)
                .addJavadoc("Applies the loss to a batch.\n\n");
        for (LossParameter p : inputs) {
            m.addParameter(Names.TENSOR, p.name());
            m.addJavadoc("@param $N $L\n", p.name(), describe.apply(p));
        }
        return m;
    }

    /**
     * {@code forward(Tensor... inputs)}: checks the count and calls the typed {@code forward}.
     *
     * @param returns what the typed forward returns, for the Javadoc ({@code the loss})
     */
    static MethodSpec varargsForward(LossSignature s, String nameField, String inputsField, String returns) {
        List<LossParameter> inputs = s.tensorInputs();
        CodeBlock args = IntStream.range(0, inputs.size())
                .mapToObj(i -> CodeBlock.of("inputs[$L]", i)).collect(CodeBlock.joining(", "));
        return MethodSpec.methodBuilder("forward")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Names.TENSOR)
                .addParameter(ParameterSpec.builder(ArrayTypeName.of(Names.TENSOR), "inputs").build())
                .varargs()
                .addJavadoc("Applies the loss to its inputs in declaration order: {@code $L}.\n\n"
                        + "@param inputs the tensors, one per input\n@return $L\n"
                        + "@throws IllegalArgumentException if the number of inputs or their shapes are wrong\n",
                        inputs.stream().map(LossParameter::name).collect(Collectors.joining(", ")), returns)
                .addStatement("$T.checkArity($N, $N, inputs)", Names.SUPPORT_INPUTS, nameField, inputsField)
                .addStatement("return forward($L)", args)
                .build();
    }

    /**
     * A backward's fields and constructor parameters for the forward's tensor inputs, their versions
     * at the forward (taken in the constructor, checked by {@link #checkVersions}) and the constants.
     */
    static void savedInputs(TypeSpec.Builder type, MethodSpec.Builder constructor, LossSignature s,
            Map<String, String> versionFields) {
        for (LossParameter p : s.tensorInputs()) {
            type.addField(Names.TENSOR, p.name(), Modifier.PRIVATE, Modifier.FINAL);
            constructor.addParameter(Names.TENSOR, p.name()).addStatement("this.$N = $N", p.name(), p.name());
        }
        for (LossParameter p : s.tensorInputs()) {
            // the forward's versions: apply() refuses inputs written in place since, as PyTorch does
            String field = versionFields.get(p.name());
            type.addField(TypeName.INT, field, Modifier.PRIVATE, Modifier.FINAL);
            constructor.addStatement("this.$N = $T.version($N)", field, Names.SUPPORT_VERSIONS, p.name());
        }
        for (LossParameter c : s.constants()) {
            type.addField(KernelWriter.constantType(c), c.name(), Modifier.PRIVATE, Modifier.FINAL);
            constructor.addParameter(KernelWriter.constantType(c), c.name()).addStatement("this.$N = $N", c.name(),
                    c.name());
        }
    }

    /** The start of {@code apply}: every input still at the version the forward saw. */
    static void checkVersions(MethodSpec.Builder apply, LossSignature s, Map<String, String> versionFields) {
        for (LossParameter p : s.tensorInputs()) {
            apply.addStatement("$T.checkVersion($S, $S, $N, $N)", Names.SUPPORT_VERSIONS, s.lossName(), p.name(),
                    p.name(), versionFields.get(p.name()));
        }
    }

    /**
     * The end of {@code apply}: one gradient per input, null where none is needed or where it was
     * added into the input's own {@code grad()} already.
     */
    static void returnGradients(MethodSpec.Builder apply, LossSignature s, Map<String, String> grads) {
        CodeBlock results = s.tensorInputs().stream().map(p -> {
            String grad = grads.get(p.name());
            return grad == null ? CodeBlock.of("null")
                    : CodeBlock.of("$N == null || $T.addsIntoGrad($N) ? null : $T.wrap($N, $N.shape())", grad,
                            Names.SUPPORT_RESULTS, p.name(), Names.SUPPORT_RESULTS, grad, p.name());
        }).collect(CodeBlock.joining(",\n"));
        apply.addStatement("return new $T[] {\n$>$L$<}", Names.TENSOR, results);
    }
}
